// Commands the client forwards from the palette: they act on the document whose URI comes as the first argument.
import type { Connection, ExecuteCommandParams, Position, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from '../../../shared/src/commands';
import { stageImage } from '../engine/facts/stageImage';
import { addNonRootUser } from '../engine/fix/nonRootUser';
import type { AnalysisCache } from '../analysis';
import { FIX_ALL_TITLE, fixAllEdit, fixEdit, versionedEdit } from './codeAction';
import type { ImageRegistryFeature } from './imageRegistry';
import { runsAsRoot } from '../engine/facts/user';

export interface CommandContext {
  documents: TextDocuments<TextDocument>;
  analyses: AnalysisCache;
  connection: Connection;
  registry: ImageRegistryFeature;
}

export async function executeCommand(p: ExecuteCommandParams, ctx: CommandContext): Promise<unknown> {
  const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : undefined;
  if (p.command === Commands.showFile) {
    // after a fix created or extended a file (.dockerignore): the user sees what was written, and can save or undo it
    if (uri?.startsWith('file:')) await ctx.connection.window.showDocument({ uri, takeFocus: true }).catch(() => undefined);
    return undefined;
  }
  const doc = uri ? ctx.documents.get(uri) : undefined;
  const a = await ctx.analyses.current(doc);
  if (!a) {
    void ctx.connection.window.showWarningMessage('Seaworthy: open a Dockerfile first.');
    return undefined;
  }
  switch (p.command) {
    case Commands.addNonRootUser: {
      const stage = a.model.finalStage;
      // what registries said about the base (its user, family, working directory), as the rule and its fix read it
      const image = stage && stageImage(a.model, stage, { registry: ctx.registry.facts, platforms: a.platforms });
      if (!stage || runsAsRoot(a.model, stage, image) !== true) {
        void ctx.connection.window.showInformationMessage(
          stage ? 'Seaworthy: the final stage already runs as a non-root user.' : 'Seaworthy: this file has no FROM.',
        );
        return undefined;
      }
      const fix = addNonRootUser(stage, a.model, image);
      const edit = fix && fixEdit(a, fix);
      if (edit) await ctx.connection.workspace.applyEdit({ label: fix!.title, edit });
      return undefined;
    }
    case Commands.fixAll: {
      const edit = fixAllEdit(a);
      if (!edit) void ctx.connection.window.showInformationMessage('Seaworthy: nothing to fix safely.');
      else await ctx.connection.workspace.applyEdit({ label: FIX_ALL_TITLE, edit: versionedEdit(a, [edit]) });
      return undefined;
    }
    case Commands.pinDigest:
    case Commands.pinAllDigests: {
      const position = isPosition(p.arguments?.[1]) ? p.arguments[1] : undefined;
      return ctx.registry.pin(a, position, p.command === Commands.pinAllDigests);
    }
    default:
      return undefined;
  }
}

const isPosition = (v: unknown): v is Position =>
  typeof v === 'object' && v !== null && typeof (v as Position).line === 'number' && typeof (v as Position).character === 'number';
