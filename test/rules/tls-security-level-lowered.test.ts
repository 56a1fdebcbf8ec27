import rule from '../../server/src/rules/tls-security-level-lowered';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    "FROM debian:12-slim\nRUN sed -i 's/SECLEVEL=1/SECLEVEL=2/' /etc/ssl/openssl.cnf", // raising it
    'FROM debian:12-slim\nRUN echo "MinProtocol = TLSv1.2" >> /etc/ssl/openssl.cnf',
    'FROM debian:12-slim\nRUN echo "MinProtocol = TLSv1.3" >> /etc/ssl/openssl.cnf',
    'FROM debian:12-slim\nRUN grep SECLEVEL=1 /etc/ssl/openssl.cnf', // reading, not writing
    'FROM debian:12-slim\nRUN echo "SECLEVEL=10 is not a level"',
  ],
  invalid: [
    {
      code: "FROM debian:12-slim\nRUN sed -i 's/DEFAULT@SECLEVEL=2/DEFAULT@SECLEVEL=1/' /etc/ssl/openssl.cnf",
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 54 }],
      message: "`@SECLEVEL=1` lowers OpenSSL's security for every program in the image (weak keys, SHA-1, old TLS versions): fix the peer instead",
    },
    {
      code: 'FROM debian:12-slim\nRUN echo "CipherString = DEFAULT@SECLEVEL=0" >> /etc/ssl/openssl.cnf',
      findings: [{ line: 2, column: 10, endLine: 2, endColumn: 45 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN sed -i "s/MinProtocol = TLSv1.2/MinProtocol = TLSv1/" /etc/ssl/openssl.cnf',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 58 }],
      message: /^`MinProtocol = TLSv1`/,
    },
    {
      code: 'FROM debian:12-slim\nRUN printf "[system_default_sect]\\nMinProtocol = TLSv1.1\\n" >> /etc/ssl/openssl.cnf',
      findings: [{ line: 2, column: 12, endLine: 2, endColumn: 60 }],
    },
    {
      code: 'FROM debian:12-slim\nCOPY <<EOF /etc/ssl/openssl.d/legacy.cnf\n[system_default_sect]\nCipherString = DEFAULT:@SECLEVEL=1\nEOF',
      findings: [{ line: 4, column: 24, endLine: 4, endColumn: 35 }],
    },
  ],
});
