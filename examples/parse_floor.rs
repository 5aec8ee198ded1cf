//! The benchmark's floors: find the same Markdown files pmlint would, read each one and
//! comrak-parse it with pmlint's own options, in parallel on the same rayon pool size, and do
//! nothing else. pmlint cannot be faster than this; `bench/bench.py` reports how close it
//! gets.
//!
//! With `--words`, also the least a spelling check must do: walk the parsed text and look
//! every word of five or more ASCII letters up, lowercased, in a hash set of pmlint's English
//! word list (built first, from the same list pmlint uses). It judges nothing else, so it is a
//! floor for any linter that checks spelling, pmlint included.
//!
//! ```sh
//! cargo run --release --example parse_floor -- [--words] PATH...
//! ```

use std::path::PathBuf;

use comrak::nodes::NodeValue;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

fn main() {
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    let words = args.first().is_some_and(|a| a == "--words");
    if words {
        args.remove(0);
    }
    let mut files = Vec::new();
    for root in args.iter().map(PathBuf::from) {
        let mut builder = ignore::WalkBuilder::new(root);
        builder.require_git(false);
        for entry in builder.build().flatten() {
            let path = entry.path();
            let markdown = path.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            if entry.file_type().is_some_and(|t| t.is_file()) && markdown {
                files.push(path.to_path_buf());
            }
        }
    }
    let dictionary = words.then(english_words);
    let (nodes, bytes, unknown) = files
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let arena = comrak::Arena::new();
            let options =
                pmlint::document::options(pmlint::document::front_matter_delimiter(&text));
            let root = comrak::parse_document(&arena, &text, &options);
            let unknown = dictionary
                .as_ref()
                .map_or(0, |set| unknown_words(root, set));
            (root.descendants().count(), text.len(), unknown)
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    println!("parsed {} files, {bytes} bytes, {nodes} nodes", files.len());
    if let Some(set) = dictionary {
        println!("{unknown} words not in the word list of {}", set.len());
    }
}

/// pmlint's English word list (`rules/generated/words.fst`) as a hash set.
fn english_words() -> FxHashSet<Vec<u8>> {
    use fst::Streamer;
    let list = fst::Set::new(&include_bytes!("../rules/generated/words.fst")[..])
        .expect("the word list is a valid fst");
    let mut set = FxHashSet::default();
    let mut stream = list.stream();
    while let Some(word) = stream.next() {
        set.insert(word.to_vec());
    }
    set
}

/// How many words of five or more ASCII letters in the document's text are not in `set`.
/// A byte loop and a lowercase copy on the stack: the least such a look-up can cost.
fn unknown_words<'a>(root: &'a comrak::nodes::AstNode<'a>, set: &FxHashSet<Vec<u8>>) -> usize {
    let mut unknown = 0;
    let mut lower = [0u8; 64];
    for node in root.descendants() {
        if let NodeValue::Text(text) = &node.data.borrow().value {
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let word = &bytes[start..i];
                if word.len() >= 5 && word.len() <= lower.len() {
                    let lower = &mut lower[..word.len()];
                    lower.copy_from_slice(word);
                    lower.make_ascii_lowercase();
                    unknown += usize::from(!set.contains(&lower[..]));
                }
            }
        }
    }
    unknown
}
