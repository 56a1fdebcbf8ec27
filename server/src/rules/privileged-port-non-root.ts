import { finalImageInstructions, parsePort } from '../engine/facts/runtime';
import { fromBase, stageImage } from '../engine/facts/stageImage';
import { runsAsRoot } from '../engine/facts/user';
import { userAt } from '../engine/model';
import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'privileged-port-non-root',
  aliases: [],
  category: 'runtime',
  severity: 'information',
  fixable: 'never',
  needs: ['registry'],
  docs: {
    what: 'Listen on a port from 1024 up (8080 instead of 80) when the image runs as a non-root user, or give the binary `setcap cap_net_bind_service=+ep`. Fires on EXPOSE of a port below 1024 in a final image whose USER is not root (or whose base image already runs as non-root), unless a RUN grants `cap_net_bind_service`.',
    why: 'Linux lets only root (or a process with CAP_NET_BIND_SERVICE) bind ports below 1024. Docker Engine 20.10+ lowers that limit inside containers, so the image works on a laptop and then fails to start with "permission denied" on Kubernetes or another runtime that keeps the kernel default.',
    example: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 80\nCMD ["node", "server.js"]',
    instead: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 8080\nCMD ["node", "server.js"]',
  },
  check({ model, registry, platforms, report }) {
    const stage = model.finalStage;
    if (!stage) return;
    const image = stageImage(model, stage, { registry, platforms });
    if (runsAsRoot(model, stage, image) !== false) return;
    const user = userAt(model, stage);
    const instructions = finalImageInstructions(model);
    const granted = instructions.some((i) => i.run?.commands.some((c) => c.words.some((w) => /cap_net_bind_service/i.test(w.text))));
    if (granted) return;
    const who = user ? `\`${user.user}\`` : image.user?.origin.from === 'base' ? `\`${image.user.value}\` (the User of ${fromBase(image)})` : 'a non-root user';
    for (const ins of instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const word of ins.args) {
        const port = parsePort(word.value ?? '');
        if (!port || port.from === 0 || port.from >= 1024) continue;
        report({
          range: word.range,
          message: `The image runs as ${who} but exposes \`${word.value}\`: without \`cap_net_bind_service\` it cannot bind a port below 1024 where the runtime keeps the kernel default (Kubernetes); listen on a port such as 8080`,
        });
      }
    }
  },
});
