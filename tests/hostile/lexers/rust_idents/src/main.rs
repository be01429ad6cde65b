//! Prints `file:line:name` for every identifier of the Rust files given, read by proc-macro2's lexer (the one
//! Rust's procedural macros see): what is inside a string literal, a char literal or a comment is no identifier,
//! and a doc comment is an attribute whose text is a string literal.

use std::fs;
use std::process::ExitCode;

use proc_macro2::{TokenStream, TokenTree};

fn walk(file: &str, tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
                out.push(format!("{file}:{}:{name}", ident.span().start().line));
            }
            TokenTree::Group(group) => walk(file, group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

fn main() -> ExitCode {
    let mut out = Vec::new();
    for file in std::env::args().skip(1) {
        let text = match fs::read_to_string(&file) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{file}: {err}");
                return ExitCode::FAILURE;
            }
        };
        match text.parse::<TokenStream>() {
            Ok(tokens) => walk(&file, tokens, &mut out),
            Err(err) => {
                eprintln!("{file}: not Rust tokens: {err}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!("{}", out.join("\n"));
    ExitCode::SUCCESS
}
