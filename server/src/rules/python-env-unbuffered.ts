import { keyword, insertLinesAfter } from '../engine/fix/edits';
import { finalBaseName, programName, PYTHON, startProgram } from '../engine/facts/runtime';
import { defineRule } from '../engine/rule';
import { envAt } from '../engine/model';
import { stageImage } from '../engine/facts/stageImage';

// Python servers and tools whose output is Python's own stdout
const PYTHON_PROGRAMS = /^(gunicorn|uvicorn|hypercorn|daphne|celery|flask|django-admin|streamlit|fastapi)$/;

export default defineRule({
  id: 'python-env-unbuffered',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'sometimes',
  needs: ['registry'],
  docs: {
    what: "Set `ENV PYTHONUNBUFFERED=1` in a Python image (and consider `PYTHONDONTWRITEBYTECODE=1`). Fires when the final stage is built on a `python` image or starts python (or gunicorn, uvicorn, celery …), and no ENV in it or the stages it is built FROM sets PYTHONUNBUFFERED; `python -u` counts too, and so does the base image's ENV when registries may be asked.",
    why: 'When stdout is not a terminal, as in a container, Python buffers it in blocks: log lines reach `docker logs` late, out of order with stderr, or never when the process is killed. `PYTHONDONTWRITEBYTECODE=1` keeps `.pyc` files out of the writable layer.',
    example: 'FROM python:3.12-slim\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
    instead: 'FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]',
    fixSafety:
      'Inserts `ENV PYTHONUNBUFFERED=1` after the final FROM (not when an ENV already sets it empty). Safe: only when output is flushed changes, not what the program does.',
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    const base = finalBaseName(model);
    const start = startProgram(model);
    const program = programName(start?.words[0]) ?? '';
    const pythonBase = base !== undefined && (PYTHON.test(base.name.split('-')[0]) || /(^|\/)python\d*(-|$)/.test(base.name));
    const runsPython = PYTHON.test(program) || PYTHON_PROGRAMS.test(program);
    if (!pythonBase && !runsPython) return;
    // the file's ENV, else what the base image's config sets (when a registry said)
    const set = stage ? stageImage(model, stage, { registry, platforms }).env('PYTHONUNBUFFERED')?.value : envAt(model, 'end', 'PYTHONUNBUFFERED');
    if (set !== undefined && set !== '') return;
    if (PYTHON.test(program) && start!.words.some((w) => /^-[a-tv-zA-Z]*u[a-zA-Z]*$/.test(w))) return;
    const range = stage ? stage.base.range : (start?.ins.argumentsRange ?? start?.ins.range);
    if (!range) return;
    report({
      range,
      message:
        'Python buffers stdout in a container because no ENV sets `PYTHONUNBUFFERED`, so log lines reach `docker logs` late or never (set `PYTHONDONTWRITEBYTECODE=1` too to keep `.pyc` files out of the image)',
      // an ENV of the file that sets it empty on purpose would override the inserted line: leave that to the author (an
      // empty value from the base image is overridden by the inserted line)
      fix:
        stage && envAt(model, 'end', 'PYTHONUNBUFFERED') === undefined
          ? () => ({
              title: 'Add ENV PYTHONUNBUFFERED=1',
              safe: true,
              edits: [insertLinesAfter(model, stage.from, [`${keyword(model, 'ENV')} PYTHONUNBUFFERED=1`])],
            })
          : undefined,
    });
  },
});
