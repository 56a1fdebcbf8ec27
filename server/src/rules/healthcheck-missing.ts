import { stageChain } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'healthcheck-missing',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'never',
  docs: {
    what: 'Declare a HEALTHCHECK for an image that serves a port (or `HEALTHCHECK NONE` to say you rely on your orchestrator\'s probes). Fires on a final stage that EXPOSEs a port without any HEALTHCHECK.',
    why: 'Without a health check, Docker, Compose and Swarm consider a container healthy as long as its process exists: a deadlocked server keeps receiving traffic and is never restarted.',
    example: 'FROM nginx:1.27\nEXPOSE 80',
    instead: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1',
  },
  check({ model, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const chain = stageChain(stage).flatMap((s) => s.instructions).filter((i) => !i.onbuild);
    if (chain.some((i) => i.keyword === 'HEALTHCHECK')) return;
    const expose = chain.find((i) => i.keyword === 'EXPOSE');
    if (!expose) return;
    report({ range: expose.range, message: `The image serves ${expose.args.map((a) => a.value).join(' ')} but declares no HEALTHCHECK, so a hung server still counts as healthy` });
  },
});
