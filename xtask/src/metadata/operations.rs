//! Operations against the CSDL's URL space: each documented request line is resolved through
//! the entity container's sets and singletons, the CSDL types' properties and casts, and its
//! bound actions and functions, by the same resolver the generator uses on the docs
//! (`generator::analyze::address`); then the response and body the generator chose are held
//! against what the CSDL says that path answers and takes.

use super::csdl::{Csdl, TypeName};
use super::findings::Report;
use generator::analyze::address::{resolve, SpaceOperation, SpaceProperty, UrlSpace};
use generator::analyze::operations::{addressed_body, graph_response};
use generator::ir::{Addressed, Body, Ir, QualifiedName, Response, TypeRef};
use generator::Code;

/// The CSDL as a [`UrlSpace`].
pub struct CsdlSpace<'a> {
    csdl: &'a Csdl,
}

impl<'a> CsdlSpace<'a> {
    pub fn new(csdl: &'a Csdl) -> Self {
        CsdlSpace { csdl }
    }

    /// Whether `ty` is `base` or derives from it (names compared ignoring case; an enum or a
    /// type the CSDL lacks is only itself).
    fn derives(&self, ty: &str, base: &str) -> bool {
        if ty.eq_ignore_ascii_case(base) {
            return true;
        }
        let mut current = self.csdl.structured(ty);
        let mut steps = 0;
        while let Some(t) = current {
            if t.qualified().eq_ignore_ascii_case(base) {
                return true;
            }
            steps += 1;
            if steps > 64 {
                return false;
            }
            current = t.base.as_deref().and_then(|b| self.csdl.structured(b));
        }
        false
    }
}

fn qualified(text: &str) -> QualifiedName {
    match text.rsplit_once('.') {
        Some((ns, name)) => QualifiedName::new(ns, name),
        None => QualifiedName::new("", text),
    }
}

/// A CSDL type name as the IR's `TypeRef`.
fn type_ref(name: &TypeName) -> TypeRef {
    match name.element.strip_prefix("Edm.") {
        Some(p) => generator::lower::primitive(p).map_or(TypeRef::Json, TypeRef::Primitive),
        None => TypeRef::Named(qualified(&name.element)),
    }
}

impl UrlSpace for CsdlSpace<'_> {
    fn root(&self, name: &str) -> Option<(QualifiedName, bool)> {
        self.csdl
            .roots
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
            .map(|r| (qualified(&r.ty), r.collection))
    }

    fn property(&self, ty: &QualifiedName, name: &str) -> Option<SpaceProperty> {
        let own = |t: &super::csdl::StructuredType| {
            self.csdl
                .properties_with_bases(t)
                .into_iter()
                .find(|(p, _)| p.name.eq_ignore_ascii_case(name))
                .map(|(p, _)| SpaceProperty {
                    name: p.name.clone(),
                    ty: type_ref(&p.ty),
                    collection: p.ty.collection,
                    navigation: p.navigation,
                })
        };
        let start = self.csdl.structured(&ty.to_string())?;
        own(start).or_else(|| {
            // As the docs space does: a derived type's property reached without a cast.
            let base = start.qualified();
            self.csdl
                .types
                .iter()
                .filter(|t| t.qualified() != base && self.derives(&t.qualified(), &base))
                .find_map(own)
        })
    }

    fn cast(&self, from: &QualifiedName, name: &str) -> Option<QualifiedName> {
        let to = self.csdl.structured(&self.csdl.resolve_alias(name))?;
        self.derives(&to.qualified(), &from.to_string())
            .then(|| qualified(&to.qualified()))
    }

    fn operation(
        &self,
        ty: &QualifiedName,
        collection: bool,
        name: &str,
    ) -> Option<SpaceOperation> {
        let ty = ty.to_string();
        self.csdl
            .operations
            .iter()
            .find(|o| {
                o.name.eq_ignore_ascii_case(name)
                    && o.binding.collection == collection
                    && self.derives(&ty, &o.binding.element)
            })
            .map(|o| SpaceOperation {
                name: o.name.clone(),
                function: o.function,
                returns: o.returns.as_ref().map(|r| (type_ref(r), r.collection)),
            })
    }
}

/// Resolves every documented request line in the CSDL and compares the generator's response
/// and body with the CSDL's. Adds the three operation ratios and their findings to `report`.
pub fn compare_operations(ir: &Ir, csdl: &Csdl, report: &mut Report) {
    let space = CsdlSpace::new(csdl);
    for op in &ir.operations {
        for line in &op.lines {
            let Some(path) = &line.path else { continue };
            let address = match resolve(&space, path) {
                Ok(address) => {
                    report.paths.count(true);
                    address
                }
                Err(unresolved) => {
                    report.paths.count(false);
                    report.push(
                        Code::MetadataPathUnresolved,
                        line.span,
                        format!(
                            "`{} {path}` does not resolve in the CSDL: {}",
                            line.method,
                            unresolved.describe(path)
                        ),
                    );
                    continue;
                }
            };
            if let Some(expected) = csdl_response(&line.method, &address) {
                let verdict = line.response.as_ref().map_or(Verdict::Differs, |ours| {
                    response_verdict(&space, op, &line.method, &address, ours, &expected)
                });
                report.responses.count(verdict != Verdict::Differs);
                if verdict == Verdict::DocumentedException {
                    report.push(
                        Code::MetadataResponseDocumentedException,
                        line.span,
                        format!(
                            "`{} {path}` answers `{}` in the CSDL; its page documents `202 Accepted` with a `Location` to follow, which the generator reads",
                            line.method,
                            expected.describe(),
                        ),
                    );
                }
                if verdict == Verdict::Differs {
                    report.push(
                        Code::MetadataResponseMismatch,
                        line.span,
                        format!(
                            "`{} {path}` answers `{}` in the CSDL, but the generator reads `{}`",
                            line.method,
                            expected.describe(),
                            line.response
                                .as_ref()
                                .map_or_else(|| "untyped JSON".to_owned(), Response::describe)
                        ),
                    );
                }
            }
            // A line another page documents sends that page's body.
            let sender = line.documented_by.map_or(op, |(o, _)| &ir.operations[o]);
            if let Some(expected) = csdl_body(csdl, &line.method, &address) {
                let agrees = body_agrees(&space, sender.body.as_ref(), &expected);
                // The page's `Content-Type` names media that is not JSON, and the call sends it.
                let media = (sender.content_type.as_deref()).filter(|t| {
                    matches!(sender.body, Some(Body::Bytes)) && !generator::lower::is_json(t)
                });
                report.bodies.count(agrees || media.is_some());
                if let (false, Some(media)) = (agrees, media) {
                    report.push(
                        Code::MetadataBodyDocumentedException,
                        line.span,
                        format!(
                            "`{} {path}` takes {} in the CSDL; its page documents a `{media}` body, which the generator sends",
                            line.method,
                            describe_expected_body(&expected),
                        ),
                    );
                } else if !agrees {
                    report.push(
                        Code::MetadataBodyMismatch,
                        line.span,
                        format!(
                            "`{} {path}` takes {} in the CSDL, but the generator sends {}",
                            line.method,
                            describe_expected_body(&expected),
                            describe_body(sender.body.as_ref())
                        ),
                    );
                }
            }
        }
    }
}

/// What the CSDL says a request answers: the generator's rule applied to the CSDL's address.
/// An action without a return type answers nothing.
fn csdl_response(method: &str, address: &generator::ir::Address) -> Option<Response> {
    match address.target() {
        Addressed::Operation { returns: None, .. } => Some(Response::Empty),
        _ => graph_response(method, address),
    }
}

/// How a generated response stands against the CSDL's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Agrees,
    /// The page says the service answers otherwise (`202 Accepted` with a `Location`), and the
    /// generator follows the page: counted as agreeing, and named as an exception.
    DocumentedException,
    Differs,
}

/// Whether `ours` is what the CSDL says `method` on `address` answers. An empty answer agrees
/// with a value only where Graph itself may answer nothing: an update or a replace of what the
/// path addresses (a `204` or the entity, as `Prefer: return=…` asks). An action or function
/// whose CSDL return type is a value and that the generator reads as nothing loses that value,
/// unless its page documents an asynchronous `202 Accepted`.
fn response_verdict(
    space: &CsdlSpace,
    op: &generator::ir::Operation,
    method: &str,
    address: &generator::ir::Address,
    ours: &Response,
    expected: &Response,
) -> Verdict {
    // Read as the value or nothing, a response loses neither.
    let value;
    let ours = match ours {
        Response::JsonOrEmpty { ty, collection } => {
            value = Response::Json {
                ty: ty.clone(),
                collection: *collection,
            };
            &value
        }
        _ => ours,
    };
    let agrees = match (ours, expected) {
        (
            Response::Json {
                ty: TypeRef::Named(o),
                collection: oc,
            },
            Response::Json {
                ty: TypeRef::Named(e),
                collection: ec,
            },
        ) => oc == ec && space.derives(&o.to_string(), &e.to_string()),
        (Response::Empty, Response::Json { .. }) => {
            matches!(method, "PATCH" | "PUT") && matches!(address.target(), Addressed::Value { .. })
        }
        _ => ours == expected,
    };
    let accepted = op.documented_response.as_ref().is_some_and(|d| d.accepted);
    match (agrees, ours) {
        (true, _) => Verdict::Agrees,
        (false, Response::Empty) if accepted => Verdict::DocumentedException,
        (false, _) => Verdict::Differs,
    }
}

/// What the CSDL says a write sends.
enum ExpectedBody {
    Body(Body),
    /// An action's parameters, by name.
    Parameters(Vec<String>),
}

fn csdl_body(csdl: &Csdl, method: &str, address: &generator::ir::Address) -> Option<ExpectedBody> {
    if let Some(body) = addressed_body(method, address) {
        return Some(ExpectedBody::Body(body));
    }
    if method != "POST" {
        return None;
    }
    let generator::ir::Step::Operation {
        name,
        function: false,
        ..
    } = &address.steps.last()?.step
    else {
        return None;
    };
    let (binding, collection) = address.binding()?;
    let binding = binding.to_string();
    let op = csdl.operations.iter().find(|o| {
        !o.function
            && o.name.eq_ignore_ascii_case(name)
            && o.binding.collection == collection
            && CsdlSpace::new(csdl).derives(&binding, &o.binding.element)
    })?;
    Some(ExpectedBody::Parameters(op.parameters.clone()))
}

fn body_agrees(space: &CsdlSpace, ours: Option<&Body>, expected: &ExpectedBody) -> bool {
    match (ours, expected) {
        (Some(Body::Model(o)), ExpectedBody::Body(Body::Model(e))) => {
            space.derives(&o.to_string(), &e.to_string())
        }
        (Some(Body::Reference), ExpectedBody::Body(Body::Reference))
        | (Some(Body::Bytes), ExpectedBody::Body(Body::Bytes)) => true,
        (None, ExpectedBody::Parameters(params)) => params.is_empty(),
        (Some(Body::Parameters(ours)), ExpectedBody::Parameters(params)) => ours
            .iter()
            .all(|p| params.iter().any(|c| c.eq_ignore_ascii_case(&p.name))),
        _ => false,
    }
}

fn describe_body(body: Option<&Body>) -> String {
    match body {
        None => "no body".into(),
        Some(Body::Model(q)) => format!("`{q}`"),
        Some(Body::Parameters(p)) => {
            let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
            format!("parameters ({})", names.join(", "))
        }
        Some(Body::Reference) => "a reference".into(),
        Some(Body::Bytes) => "bytes".into(),
    }
}

fn describe_expected_body(body: &ExpectedBody) -> String {
    match body {
        ExpectedBody::Body(b) => describe_body(Some(b)),
        ExpectedBody::Parameters(p) if p.is_empty() => "no parameters".into(),
        ExpectedBody::Parameters(p) => format!("parameters ({})", p.join(", ")),
    }
}
