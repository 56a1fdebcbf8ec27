import rule from '../../server/src/rules/pip-unpinned-versions';
import { ruleTester } from '../harness/ruleTester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nRUN pip install flask==3.0.3',
    'FROM python:3.12-slim\nRUN pip install "flask>=3,<4" \'requests~=2.32\'',
    'FROM python:3.12-slim\nRUN pip install -r requirements.txt',
    'FROM python:3.12-slim\nRUN pip install --requirement=requirements.txt',
    'FROM python:3.12-slim\nRUN pip install -e .',
    'FROM python:3.12-slim\nRUN pip install --no-deps .',
    'FROM python:3.12-slim\nRUN pip install ./dist/app-1.0-py3-none-any.whl',
    'FROM python:3.12-slim\nRUN pip install app-1.0.tar.gz',
    'FROM python:3.12-slim\nRUN pip install https://example.com/pkg.zip',
    'FROM python:3.12-slim\nRUN pip install git+https://github.com/org/repo.git@v1.2#egg=repo',
    'FROM python:3.12-slim\nRUN pip install "app @ https://example.com/app-1.0.tar.gz"',
    'FROM python:3.12-slim\nRUN pip install --upgrade pip setuptools wheel', // refreshing the installer itself
    'FROM python:3.12-slim\nRUN python -m pip install -U pip',
    'FROM python:3.12-slim\nRUN pip install -c constraints.txt flask', // the constraints file pins
    'FROM python:3.12-slim\nRUN PIP_CONSTRAINT=/c.txt pip install flask',
    'FROM python:3.12-slim\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install flask',
    'FROM python:3.12-slim\nRUN pip install --index-url https://pypi.example.com/simple --target /opt/lib flask==3.0.3',
    'FROM python:3.12-slim\nRUN pip install $PACKAGES',
    'FROM python:3.12-slim\nRUN pipenv install flask',
    'FROM python:3.12-slim\nRUN pip download flask',
    'FROM python:3.12-slim\nRUN echo pip install flask',
    'FROM python:3.12-slim\nRUN pipx install "poetry==1.8.5"',
    // option values are not packages: uv pip's own options, attached short values, pip's abbreviations, pipx's options
    'FROM python:3.12-slim\nRUN uv pip install --python-preference system --index-strategy unsafe-best-match --requirements requirements.txt',
    'FROM python:3.12-slim\nRUN uv pip install --system --link-mode copy --resolution lowest-direct -P pip -r reqs.txt',
    'FROM python:3.12-slim\nRUN pip install -rrequirements.txt && pip install -qr requirements.txt',
    'FROM python:3.12-slim\nRUN pip install --requirem requirements.txt --progress off flask==3.0.3',
    'FROM python:3.12-slim\nRUN pip install --root-user-action ignore --extra-index https://x.example/simple flask==3.0.3',
    'FROM python:3.12-slim\nRUN pipx install --python python3.12 --pip-args "--no-cache-dir" "black==24.4.2"',
  ],
  invalid: [
    {
      // the package after an option's value is still read
      code: 'FROM python:3.12-slim\nRUN uv pip install --no-deps --index-strategy first-index httpx',
      findings: [{ line: 2, column: 59, endLine: 2, endColumn: 64 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install -qU flask',
      findings: [{ line: 2, column: 21, endLine: 2, endColumn: 26 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip install flask',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 22 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN python -m pip install --user flask==3 requests',
      findings: [{ line: 2, column: 43, endLine: 2, endColumn: 51 }],
    },
    {
      // upgrading the installer is fine; requests comes along unpinned
      code: 'FROM python:3.12-slim\nRUN pip install --upgrade pip requests',
      findings: [{ line: 2, column: 31, endLine: 2, endColumn: 39 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pip3 install \\\n    flask \\\n    gunicorn==22.0.0 \\\n    "uvicorn[standard]"',
      findings: [
        { line: 3, column: 5, endLine: 3, endColumn: 10 },
        { line: 5, column: 5, endLine: 5, endColumn: 24 },
      ],
    },
    {
      // `git@` is the SSH user, not a revision
      code: 'FROM python:3.12-slim\nRUN pip install git+ssh://git@github.com/org/repo.git',
      findings: [{ line: 2, column: 17, endLine: 2, endColumn: 54 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN pipx install black',
      findings: [{ line: 2, column: 18, endLine: 2, endColumn: 23 }],
    },
    {
      code: 'FROM python:3.12-slim\nRUN uv pip install --system httpx',
      findings: [{ line: 2, column: 29, endLine: 2, endColumn: 34 }],
    },
    {
      code: 'FROM python:3.12-slim\nONBUILD RUN pip install flask',
      findings: [{ line: 2, column: 25, endLine: 2, endColumn: 30 }],
    },
    {
      code: 'FROM python:3.12-slim AS build\nRUN pip install --prefix /install flask\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local',
      findings: [{ line: 2, column: 35, endLine: 2, endColumn: 40 }],
    },
  ],
});
