import { defineRule } from '../engine/rule';

export default defineRule({
  id: 'ssh-port-exposed',
  aliases: [],
  category: 'security',
  severity: 'warning',
  fixable: 'never',
  docs: {
    what: 'Do not run or expose SSH in a container: use `docker exec` or `kubectl exec` to get a shell. Fires on EXPOSE 22.',
    why: 'An SSH server in an image is one more daemon with keys to manage and patch, and port 22 invites brute force from anywhere the container is reachable; orchestrators already give authenticated, audited shells.',
    example: 'FROM debian:12\nEXPOSE 22 8080',
    instead: 'FROM debian:12\nEXPOSE 8080',
  },
  scope: 'instruction',
  checkInstruction(ins, { report }) {
    if (ins.keyword !== 'EXPOSE') return;
    for (const arg of ins.args) {
      if (/^22(\/tcp)?$/i.test(arg.value ?? ''))
        report({ range: arg.range, message: 'EXPOSE 22 publishes an SSH port: a daemon to patch and a door to brute-force' });
    }
  },
});
