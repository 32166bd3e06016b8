//! Writes every language's texts as the data file the wasm build loads
//! (`src/core/i18n/data.rs`): `cargo run --example texts -- www/changecost`
//! writes `changecost.<code>.txt` there for each language of `i18n::ALL`,
//! and removes the file of a language that is no longer listed. Run by
//! `make build`; tools/release.mjs names them by their hash.

use std::error::Error;
use std::fs;
use std::path::Path;

use changecost::core::i18n;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: cargo run --example texts -- <folder>")?;
    let dir = Path::new(&dir);
    let names: Vec<String> = i18n::ALL.iter().map(|t| format!("changecost.{}.txt", t.code)).collect();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let old = name.starts_with("changecost.") && name.ends_with(".txt") && name.matches('.').count() == 2;
        if old && !names.contains(&name) {
            fs::remove_file(dir.join(&name))?;
        }
    }
    for (t, name) in i18n::ALL.iter().zip(&names) {
        let data = t.to_data().map_err(|e| format!("{}: {e}", t.code))?;
        fs::write(dir.join(name), data)?;
    }
    println!("texts: {} in {}", names.join(" "), dir.display());
    Ok(())
}
