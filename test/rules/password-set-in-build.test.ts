import rule from '../../server/src/rules/password-set-in-build';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM ubuntu:24.04\nRUN --mount=type=secret,id=root_pw echo "root:$(cat /run/secrets/root_pw)" | chpasswd',
    'FROM ubuntu:24.04\nRUN --mount=type=secret,id=root_pw chpasswd < /run/secrets/root_pw',
    'FROM ubuntu:24.04\nRUN --mount=type=secret,id=root_pw cat /run/secrets/root_pw | chpasswd',
    'FROM ubuntu:24.04\nRUN --mount=type=secret,id=pw,env=APP_PW echo "app:$APP_PW" | chpasswd',
    'FROM ubuntu:24.04\nRUN --mount=type=secret,id=pw,target=/pw PW=$(cat /pw) && usermod -p "$(openssl passwd -6 "$PW")" app',
    'FROM debian:12\nRUN passwd -d app && passwd -l root',
    'FROM debian:12\nRUN useradd -m -s /bin/bash app',
    "FROM debian:12\nRUN useradd -p '*' app", // a locked account has no password
    'FROM debian:12\nRUN echo "git:*" | chpasswd -e',
    'FROM debian:12\nRUN echo "chpasswd is not run here"',
    // the stage is only copied from: its history never ships
    'FROM debian:12 AS build\nRUN echo "root:pw" | chpasswd\nFROM scratch\nCOPY --from=build /out /out',
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nRUN echo "root:Docker!" | chpasswd',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 35 }],
    },
    {
      // an ARG is kept in the image history
      code: 'FROM ubuntu:24.04\nARG ROOT_PW\nRUN echo "root:$ROOT_PW" | chpasswd',
      findings: [{ line: 3, column: 5, endLine: 3, endColumn: 36 }],
    },
    {
      // the secret is mounted, but the password comes from the ARG
      code: 'FROM ubuntu:24.04\nARG ROOT_PW\nRUN --mount=type=secret,id=x echo "root:$ROOT_PW" | chpasswd',
      findings: [{ line: 3, column: 30, endLine: 3, endColumn: 61 }],
    },
    {
      code: 'FROM rockylinux:9\nRUN echo s3cr3t | passwd --stdin app',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 37 }],
    },
    {
      code: 'FROM rockylinux:9\nRUN passwd --stdin app <<< "s3cr3t"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 36 }], // the here-string (the password) is part of the command
    },
    {
      code: 'FROM debian:12\nRUN useradd -m -p "$(openssl passwd -1 hunter2)" app',
      findings: [{ line: 2, column: 16, endLine: 2, endColumn: 49 }],
    },
    {
      code: "FROM debian:12\nRUN usermod --password='$6$rounds$Qk2x9' app",
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 41 }],
    },
    {
      code: 'FROM debian:12\nONBUILD RUN echo "app:app" | chpasswd',
      findings: [{ line: 2, column: 13, endLine: 2, endColumn: 38 }],
    },
  ],
});
