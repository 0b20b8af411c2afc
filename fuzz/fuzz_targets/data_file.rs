//! The data-file loader: any bytes, as the file `fuzzed.toml` next to the bundled data, must
//! parse and validate or give located errors — never panic — and what validates must load.
#![no_main]

use libfuzzer_sys::fuzz_target;
use negkg::{bundled_data_files, DataFile, Input, KnowledgeGraph};

fuzz_target!(|bytes: &[u8]| {
    // The CLI refuses invalid UTF-8 with a located error before parsing; do the same here.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut input = Input::new();
    for file in bundled_data_files().into_iter().take(3) {
        input.add_data_file(file);
    }
    input.add_data_file(DataFile::new("fuzzed.toml", text));
    match input.prepare() {
        Ok(prepared) => {
            let graph = KnowledgeGraph::in_memory().expect("an in-memory store opens");
            graph
                .load_prepared(&prepared)
                .expect("a validated input loads");
        }
        Err(error) => {
            // Every error names a place to look.
            let message = error.to_string();
            assert!(!message.is_empty());
        }
    }
});
