import rule from '../../server/src/rules/docker-socket-mounted';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM docker:27-cli\nVOLUME /var/lib/docker',
    'FROM docker:27-cli\nVOLUME /var/run/docker.sock.d',
    'FROM docker:27-cli\nVOLUME ["/var/run"]',
    'FROM docker:27-cli\nENV DOCKER_HOST=unix:///var/run/docker.sock',
    'FROM docker:27-cli\nCMD ["--docker_socket=/var/run/docker.sock"]',
    'FROM docker:27-cli\nRUN --mount=type=cache,target=/root/.cache go build .',
    'FROM docker:27-cli\nRUN --mount=type=secret,id=sock,target=/run/secrets/docker.sock true',
    'FROM docker:27-cli\nRUN echo /var/run/docker.sock',
    // a stage only copied from: its VOLUME never reaches a `docker run`
    'FROM docker:27-cli AS tools\nVOLUME /var/run/docker.sock\nFROM alpine:3.20\nCOPY --from=tools /usr/local/bin/docker /usr/local/bin/docker',
  ],
  invalid: [
    {
      code: 'FROM docker:27-cli\nVOLUME /var/run/docker.sock',
      findings: [{ line: 2, column: 8, endLine: 2, endColumn: 28 }],
    },
    {
      code: 'FROM docker:27-cli\nVOLUME ["/data", "/run/docker.sock"]',
      findings: [{ line: 2, column: 18, endLine: 2, endColumn: 36 }],
    },
    {
      code: 'FROM docker:27-cli\nVOLUME /data //var/run/docker.sock/',
      findings: [{ line: 2, column: 14, endLine: 2, endColumn: 36 }],
    },
    {
      code: 'FROM docker:27-cli\nRUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 78 }],
    },
    {
      // bind is the default mount type
      code: 'FROM docker:27-cli\nRUN --mount=target=/run/docker.sock docker ps',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 36 }],
    },
    {
      code: 'FROM docker:27-cli\nONBUILD VOLUME /var/run/docker.sock',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 36 }],
    },
  ],
});
