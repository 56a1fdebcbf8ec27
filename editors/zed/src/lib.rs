// Starts `seaworthy-language-server --stdio` (the npm package's bin, found on the worktree's PATH) for Dockerfiles.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Seaworthy;

impl zed::Extension for Seaworthy {
    fn new() -> Self {
        Seaworthy
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = worktree
            .which("seaworthy-language-server")
            .ok_or_else(|| "seaworthy-language-server is not on PATH: install the seaworthy npm package".to_string())?;
        Ok(zed::Command { command, args: vec!["--stdio".to_string()], env: worktree.shell_env() })
    }
}

zed::register_extension!(Seaworthy);
