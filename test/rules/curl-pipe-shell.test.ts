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
    // a download given to an interpreter as data, not as its program
    'FROM python:3.12-slim\nRUN curl -fsSL https://api.x.io/v | python3 -c "import json,sys; print(json.load(sys.stdin)[\'v\'])"',
    'FROM python:3.12-slim\nRUN curl -fsSL https://x.io/data.csv | python3 /app/load.py',
    'FROM python:3.12-slim\nRUN curl -fsSL https://x.io/v.json | python3 -m json.tool',
    'FROM perl:5.40\nRUN curl -fsSL https://x.io/list.txt | perl -pe "s/a/b/" > /tmp/list',
    'FROM node:22-slim\nRUN curl -fsSL https://x.io/pkg.json | node -e "process.stdin.pipe(process.stdout)"',
    "FROM node:22-slim\nRUN curl -fsSL https://x.io/pkg.json | node -p \"require('fs').readFileSync(0, 'utf8')\"",
    'FROM ruby:3.3\nRUN curl -fsSL https://x.io/a.yml | ruby -ryaml -e "puts YAML.load(STDIN.read)"',
    'FROM debian:12-slim\nRUN sh /opt/setup.sh "$(curl -fsSL https://x.io/version)"', // the download is an argument
    'FROM python:3.12-slim\nRUN python3 -c "print(1)" "$(curl -fsSL https://x.io/v)"',
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
    {
      code: 'FROM php:8.3-cli\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 105 }],
      message: /curl … \| php/,
    },
    {
      code: 'FROM python:3.12-slim\nRUN curl -sSL https://install.python-poetry.org | python3 -',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 60 }],
      message: /curl … \| python3/,
    },
    {
      code: 'FROM python:3.12-slim\nRUN curl -sSL https://install.python-poetry.org | python3.12',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 61 }],
      message: /curl … \| python3\.12/,
    },
    {
      code: 'FROM node:22-slim\nRUN curl -fsSL https://x.io/i.js | node',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 40 }],
      message: /curl … \| node/,
    },
    {
      code: 'FROM node:22-slim\nRUN curl -fsSL https://x.io/i.js | node - --yes',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 48 }],
      message: /curl … \| node/,
    },
    {
      code: 'FROM perl:5.40\nRUN curl -L https://cpanmin.us | perl - App::cpanminus',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 55 }],
      message: /curl … \| perl/,
    },
    {
      code: 'FROM ruby:3.3\nRUN curl -fsSL https://x.io/i.rb | ruby',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 40 }],
      message: /curl … \| ruby/,
    },
    {
      code: 'FROM python:3.12-slim\nRUN curl -fsSL https://x.io/i.py | env python3',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 47 }],
      message: /curl … \| python3/,
    },
    {
      code: 'FROM python:3.12-slim\nRUN curl -fsSL https://x.io/i.py | sudo -E python3 -u -',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 56 }],
      message: /curl … \| python3/,
    },
    {
      code: 'FROM debian:12-slim\nRUN wget -O- https://x.io/i.sh | busybox sh',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 44 }],
      message: /wget … \| sh/,
    },
    {
      code: 'FROM debian:12-slim\nRUN curl -fsSL https://x.io/i.sh | bash -o pipefail -s -- --prefix=/opt',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 72 }],
      message: /curl … \| bash/,
    },
    {
      code: 'FROM debian:12-slim\nRUN bash <(wget -qO- https://x.io/i.sh)',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 40 }],
      message: /`bash` runs a script/,
    },
    {
      code: 'FROM python:3.12-slim\nRUN python3 <(curl -fsSL https://x.io/i.py)',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 44 }],
      message: /`python3` runs a script/,
    },
    {
      code: 'FROM perl:5.40\nRUN perl -e "$(curl -fsSL https://x.io/i.pl)"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 46 }],
      message: /`perl` runs a script/,
    },
    {
      code: 'FROM debian:12-slim\nRUN eval "$(curl -fsSL https://x.io/env.sh)"',
      findings: [{ line: 2, column: 5, endLine: 2, endColumn: 45 }],
      message: /`eval` runs a script/,
    },
  ],
});
