//! Answers kept on disk, so that a run can be repeated, and evaluated, with no server. An
//! answer is keyed by a SHA-256 hash of what decides it: the model's name, the instructions,
//! the schema and the part of the article sent. The endpoint and the key are not part of it:
//! the same model asked the same thing through another server finds the same answer. Only
//! answers that parsed are kept; each is written whole (to a temporary file, then renamed).

use super::error::ModelError;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where the model's answers are kept, and whether the server may be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CachePolicy {
    /// Ask the server every time; keep nothing.
    Off,
    /// Take kept answers from this folder; ask the server for the others and keep them.
    Use(PathBuf),
    /// Take kept answers from this folder; a missing one is an error (no server is asked).
    Offline(PathBuf),
}

impl CachePolicy {
    /// The folder, unless the cache is off.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Self::Off => None,
            Self::Use(dir) | Self::Offline(dir) => Some(dir),
        }
    }
}

/// The folder for cached answers when none is given: `negkg` under `$XDG_CACHE_HOME`, else
/// `~/.cache/negkg`; on Windows under `%LOCALAPPDATA%`. `None` when none of them is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = non_empty("XDG_CACHE_HOME") {
        return Some(PathBuf::from(dir).join("negkg"));
    }
    if cfg!(windows) {
        if let Some(dir) = non_empty("LOCALAPPDATA") {
            return Some(PathBuf::from(dir).join("negkg"));
        }
    }
    non_empty("HOME").map(|home| PathBuf::from(home).join(".cache").join("negkg"))
}

/// The key of an answer: the hash of the model, the instructions, the schema and the user's
/// text, each preceded by its length so that no two different inputs run together the same.
pub(super) fn key(model: &str, system: &str, schema: &str, user: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"negkg chat answer 1\n");
    for part in [model, system, schema, user] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The file of an answer: `chat/ab/abcd….json` under the cache folder.
fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join("chat")
        .join(key.get(..2).unwrap_or("00"))
        .join(format!("{key}.json"))
}

/// The kept answer for `key`, if there is one that reads. A damaged file counts as missing
/// (it is asked again and replaced).
pub(super) fn get(dir: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path(dir, key)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("content")?.as_str().map(str::to_owned)
}

/// Keeps `content`, the answer of `model` for `key`.
pub(super) fn put(dir: &Path, key: &str, model: &str, content: &str) -> Result<(), ModelError> {
    let file = path(dir, key);
    let folder = file.parent().unwrap_or(dir);
    let error = |path: &Path| {
        let path = path.to_owned();
        move |source| ModelError::Cache { path, source }
    };
    std::fs::create_dir_all(folder).map_err(error(folder))?;
    let entry = serde_json::json!({ "model": model, "content": content });
    let temporary = folder.join(format!(".{key}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, entry.to_string()).map_err(error(&temporary))?;
    std::fs::rename(&temporary, &file).map_err(error(&file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_every_input_and_only_with_them() {
        let base = key("m", "system", "schema", "user");
        assert_eq!(base, key("m", "system", "schema", "user"));
        assert_eq!(base.len(), 64);
        assert_ne!(base, key("m2", "system", "schema", "user"));
        assert_ne!(base, key("m", "system!", "schema", "user"));
        assert_ne!(base, key("m", "system", "schema!", "user"));
        assert_ne!(base, key("m", "system", "schema", "user!"));
        // Lengths keep the parts apart.
        assert_ne!(key("ab", "c", "", ""), key("a", "bc", "", ""));
    }

    #[test]
    fn an_answer_kept_is_found_again_and_a_damaged_one_is_missing() {
        let dir = std::env::temp_dir().join(format!("negkg-cache-test-{}", std::process::id()));
        let k = key("m", "s", "x", "u");
        assert_eq!(get(&dir, &k), None);
        put(&dir, &k, "m", "{\"claims\":[]}").unwrap();
        assert_eq!(get(&dir, &k).as_deref(), Some("{\"claims\":[]}"));
        std::fs::write(path(&dir, &k), "{not json").unwrap();
        assert_eq!(get(&dir, &k), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
