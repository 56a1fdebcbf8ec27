import rule from '../../server/src/rules/curl-pipe-shell';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM debian:12-slim\nRUN curl -fsSLo /tmp/i.sh https://x.io/i.sh && sh /tmp/i.sh',
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/app.tgz | tar -xz -C /opt',
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg',
    'FROM debian:12-slim\nRUN wget https://x.io/i.sh | sh', // wget writes to a file: nothing reaches the pipe
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/i.sh -o /tmp/i.sh | sh',
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/i.sh | sh -c "cat > /tmp/i.sh"',
    'FROM debian:12-slim\nRUN curl -fsSL https://x.io/health && echo ok | sh', // two pipelines: curl is not piped
    'FROM debian:12-slim\nRUN sh -c "echo $(date)"',
    'FROM debian:12-slim\nRUN echo "curl https://x.io/i.sh | sh" > /notes.txt',
    'FROM debian:12-slim\nRUN ["sh", "-c", "curl -fsSL https://x.io/i.sh | sh"]', // exec form: the script is one string
  ],
  invalid: [
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://example.com/install.sh | sh',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 51 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN wget -qO- https://x.io/i.sh | sudo bash -s -- -y',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 53 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -sL https://deb.nodesource.com/setup_20.x | bash - \\\n    && apt-get install -y nodejs',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 60 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN sh -c "$(curl -fsSL https://x.io/install.sh)"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 50 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN bash <(curl -fsSL https://x.io/i.sh)',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 41 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://x.io/i.sh | tee /tmp/log | sh',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 53 }],
    },
    {
      code: 'FROM debian:12-slim\nRUN <<EOF\nset -e\ncurl -fsSL https://x.io/i.sh | sh\nEOF',
      findings: [{ line: 4, column: 1, endLine: 4, endColumn: 34 }],
    },
    {
      code: 'FROM debian:12-slim\nONBUILD RUN curl -fsSL https://x.io/i.sh | sh',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 46 }],
    },
  ],
});
