//! What a generated crate is, from the `[crate]` and `[service]` tables of `codegen.toml` at
//! the docs root: its package name, version and metadata, the name of the type requests start
//! from, the service root it talks to and the token scope it asks for. Every key has today's
//! value as its default, so docs without the tables make the crate they always made.
//!
//! ```toml
//! [crate]
//! name = "acme-client"
//! version = "2.1.0"
//! description = "Typed Acme API models and requests"
//! license = "MIT"
//! repository = "https://github.com/acme/acme-client"
//! rust-version = "1.82"
//! keywords = ["acme", "api"]
//! categories = ["api-bindings"]
//! publish = true
//!
//! [service]
//! root = "Acme"                                # the type requests start from
//! base-url = "https://api.acme.test/v2"        # else the docs' examples decide
//! scope = "https://api.acme.test/.default"
//! ```

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::policy::CONFIG_FILE;
use crate::source::{SourceSet, Span};

/// The `[crate]` table: the generated `Cargo.toml`'s package.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CrateConfig {
    pub name: String,
    pub version: String,
    pub description: String,
    pub license: String,
    pub repository: Option<String>,
    pub documentation: Option<String>,
    pub rust_version: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub publish: bool,
}

impl Default for CrateConfig {
    fn default() -> Self {
        CrateConfig {
            name: "graph-client".into(),
            version: "0.1.0".into(),
            description: "Typed Microsoft Graph models and requests, generated from the markdown API reference".into(),
            license: "MIT OR Apache-2.0".into(),
            repository: None,
            documentation: None,
            rust_version: None,
            keywords: Vec::new(),
            categories: Vec::new(),
            publish: false,
        }
    }
}

impl CrateConfig {
    /// The name as Rust code names the crate (`acme-client` → `acme_client`).
    pub fn ident(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// The `[service]` table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServiceConfig {
    /// The type every request starts from (`Graph::users()`).
    pub root: String,
    /// The service root requests are sent to by default; `None`: the docs' examples decide.
    pub base_url: Option<String>,
    /// The token scope a credential is asked for.
    pub scope: String,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            root: "Graph".into(),
            base_url: None,
            scope: "https://graph.microsoft.com/.default".into(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Config {
    pub krate: CrateConfig,
    pub service: ServiceConfig,
}

/// Reads the two tables (the `[severity]` table is `policy`'s); a value that cannot be used is
/// `config-invalid` at its key, and its default stands.
pub fn read(sources: &SourceSet, diags: &mut Diagnostics) -> Config {
    let mut config = Config::default();
    let Some(file) = sources.find(CONFIG_FILE) else {
        return config;
    };
    let text = &sources.get(file).text;
    // Invalid TOML is reported by `policy`, once.
    let Ok(table) = text.parse::<toml::Table>() else {
        return config;
    };
    let whole = Span::new(file, 0..text.len());
    let locate = |key: &str| {
        text.find(key)
            .map_or(whole, |at| Span::new(file, at..at + key.len()))
    };
    let mut invalid = |key: &str, why: String| {
        diags.push(
            Diagnostic::new(Code::ConfigInvalid, locate(key), why).label("its default is used"),
        );
    };
    if let Some(toml::Value::Table(krate)) = table.get("crate") {
        for (key, value) in krate {
            let text = value.as_str();
            let list = || -> Option<Vec<String>> {
                value
                    .as_array()?
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect()
            };
            let c = &mut config.krate;
            let problem = match (key.as_str(), text) {
                ("name", Some(name)) if is_crate_name(name) => {
                    c.name = name.to_owned();
                    None
                }
                ("name", _) => Some("`name` must be a crate name: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64 characters".to_owned()),
                ("version", Some(v)) if is_semver(v) => {
                    c.version = v.to_owned();
                    None
                }
                ("version", _) => Some("`version` must be a semantic version, such as \"1.2.0\"".to_owned()),
                ("description", Some(v)) if !v.trim().is_empty() => {
                    c.description = v.to_owned();
                    None
                }
                ("license", Some(v)) if !v.trim().is_empty() => {
                    c.license = v.to_owned();
                    None
                }
                ("repository", Some(v)) if is_url(v) => {
                    c.repository = Some(v.to_owned());
                    None
                }
                ("documentation", Some(v)) if is_url(v) => {
                    c.documentation = Some(v.to_owned());
                    None
                }
                ("repository" | "documentation", _) => Some(format!("`{key}` must be an http(s) URL")),
                ("rust-version", Some(v)) if is_rust_version(v) => {
                    c.rust_version = Some(v.to_owned());
                    None
                }
                ("rust-version", _) => Some("`rust-version` must be a Rust version, such as \"1.82\"".to_owned()),
                ("keywords", _) => match list() {
                    Some(k) if k.len() <= 5 && k.iter().all(|w| is_keyword(w)) => {
                        c.keywords = k;
                        None
                    }
                    _ => Some("`keywords` must be at most 5 words of ASCII letters, digits, `-` and `_`, each at most 20 characters".to_owned()),
                },
                ("categories", _) => match list() {
                    Some(k) => {
                        c.categories = k;
                        None
                    }
                    None => Some("`categories` must be a list of strings".to_owned()),
                },
                ("publish", _) => match value.as_bool() {
                    Some(b) => {
                        c.publish = b;
                        None
                    }
                    None => Some("`publish` must be true or false".to_owned()),
                },
                ("description" | "license", _) => Some(format!("`{key}` must be a non-empty string")),
                _ => Some(format!("unknown key `{key}` in `[crate]`")),
            };
            if let Some(why) = problem {
                invalid(key, why);
            }
        }
    }
    if let Some(toml::Value::Table(service)) = table.get("service") {
        for (key, value) in service {
            let s = &mut config.service;
            let problem = match (key.as_str(), value.as_str()) {
                ("root", Some(root)) if is_type_name(root) => {
                    s.root = root.to_owned();
                    None
                }
                ("root", _) => Some(
                    "`root` must be a Rust type name in UpperCamelCase, such as \"Acme\""
                        .to_owned(),
                ),
                ("base-url", Some(url)) if is_url(url) => {
                    s.base_url = Some(url.trim_end_matches('/').to_owned());
                    None
                }
                ("base-url", _) => Some("`base-url` must be an absolute http(s) URL".to_owned()),
                ("scope", Some(scope)) if !scope.trim().is_empty() => {
                    s.scope = scope.to_owned();
                    None
                }
                ("scope", _) => Some("`scope` must be a non-empty string".to_owned()),
                _ => Some(format!("unknown key `{key}` in `[service]`")),
            };
            if let Some(why) = problem {
                invalid(key, why);
            }
        }
    }
    config
}

/// crates.io's rule: ASCII alphanumerics, `-` and `_`, a letter first, at most 64 characters.
fn is_crate_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_semver(version: &str) -> bool {
    semver::Version::parse(version).is_ok()
}

/// `1.82` or `1.82.1`.
fn is_rust_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_keyword(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 20
        && word.starts_with(|c: char| c.is_ascii_alphanumeric())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !url.contains(char::is_whitespace)
}

/// An UpperCamelCase identifier that is no Rust keyword.
fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !matches!(name, "Self")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn read_from(toml: &str) -> (Config, Vec<String>) {
        let sources = SourceSet::new(vec![SourceFile::new(CONFIG_FILE, toml)]);
        let mut diags = Diagnostics::default();
        let config = read(&sources, &mut diags);
        let messages = diags.into_sorted().into_iter().map(|d| d.message).collect();
        (config, messages)
    }

    #[test]
    fn tables_set_what_they_name_and_bad_values_keep_the_default() {
        let (config, problems) = read_from(
            "[crate]\nname = \"acme-client\"\nversion = \"2.1.0\"\npublish = true\nkeywords = [\"acme\"]\n\
             [service]\nroot = \"Acme\"\nbase-url = \"https://api.acme.test/v2/\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.krate.ident(), "acme_client");
        assert_eq!(config.krate.version, "2.1.0");
        assert!(config.krate.publish);
        assert_eq!(config.service.root, "Acme");
        assert_eq!(
            config.service.base_url.as_deref(),
            Some("https://api.acme.test/v2")
        );

        let (config, problems) = read_from(
            "[crate]\nname = \"9lives\"\nversion = \"1.0\"\ncolour = \"red\"\n[service]\nroot = \"acme\"\n",
        );
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("semantic version")));
        assert!(problems.iter().any(|p| p.contains("unknown key `colour`")));
    }
}
