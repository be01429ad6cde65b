"""One call of the plan as PHP: its method's arguments (in the contract's order: path parameters, the body when
required, required query/header/cookie parameters, the body when optional, optional parameters; multipart parts
spread), the lines of its *Calls method that build the ApiRequest and return the Call, and what each file that
spells it imports. The templates print a MethodView; `CallLowering` makes one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..ir.model import Encoding
from ..ir.naming import words
from ..plan.model import BodyPlan, CallPlan, ClientPlan, ParamPlan
from .clashes import numbered
from .markdown import markdown_code, markdown_text
from .pagers import pager_settings
from .php_layout import Expr, Own, array, code, lay, new_request, php_string, signature
from .php_models import declared_param
from .php_names import LOCAL_RESERVED, identifier
from .php_types import MIXED, PhpType, PhpTypes
from .text import prose
from .types import Import

OPTIONS_TAG = ("@param RequestOptions|null $options", Own("per-call options: timeout, retries, headers, query"))
FILE = PhpType("FileUpload", "FileUpload", "", frozenset({("core", "FileUpload")}))
BYTES = PhpType("FileUpload|string", "FileUpload|string", "", frozenset({("core", "FileUpload")}))
TEXT = PhpType("string", "string", "")


def strings(items: Iterable[str]) -> Expr:
    """A PHP list of string literals."""
    return array(php_string(i) for i in items)


def security(alternatives: Iterable[Iterable[str]]) -> Expr:
    return array(strings(a) for a in alternatives)


def first_line(text: str) -> str:
    return next((line for line in prose(text).split("\n") if line.strip()), "")


def encoding(e: Encoding) -> str:
    """`Encoding::of(style)` with a link per setting that is not the default."""
    out = f"Encoding::of({php_string(e.style)})"
    if e.explode:
        out += "->explode()"
    if e.allow_reserved:
        out += "->allowReserved()"
    if e.nesting != "indexed":
        out += f"->nesting({php_string(e.nesting)})"
    if e.content_type:
        out += f"->contentType({php_string(e.content_type)})"
    return out


@dataclass
class Arg:
    name: str
    declared: str  # `?string $cursor = null`
    doc_type: str
    doc: list[str]

    @property
    def tag(self) -> tuple[str, list[str]]:
        return (f"@param {self.doc_type} ${self.name}", self.doc)


@dataclass
class MethodView:
    name: str
    doc: list[str]
    args: list[Arg]
    returns: str  # native return type
    returns_doc: str  # the @return type when PHP's says less ("" = none)
    request: list[str]  # the *Calls method's body that builds the ApiRequest `$r`, laid out (8 spaces)
    result: list[str]  # the lines that return its Call
    route: str  # README
    summary: str
    imports: set[Import]  # what the service file needs (the arguments' and the result's types)
    call_imports: set[Import]  # what the *Calls file needs
    arg_imports: set[Import]  # what the WithRawResponse file needs (the arguments' types)
    deprecated: bool = False

    @property
    def params(self) -> list[str]:
        return [a.declared for a in self.args]

    def tags(self, raw: bool, options: bool = True) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = [a.tag for a in self.args]
        if options:
            found.append(OPTIONS_TAG)
        if raw:
            found.append(("@return", Own("RawResponse the response: its value, status code and headers")))
        elif self.returns_doc:
            found.append(("@return", Own(self.returns_doc)))
        if self.deprecated:
            found.append(("@deprecated", Own("the API marks this operation as deprecated")))
        return found

    def declaration(self, indent: int, raw: bool) -> list[str]:
        returns = "RawResponse" if raw else self.returns
        params = [*self.params, "?RequestOptions $options = null"]
        return signature(indent, f"public function {self.name}", params, returns)

    def calls_declaration(self, indent: int) -> list[str]:
        """The *Calls method: every argument given (an optional one may be null)."""
        params = [a.declared.removesuffix(" = null") for a in self.args]
        return signature(indent, f"public static function {self.name}", params, "Call")

    def body(self, indent: int, calls: str, raw: bool) -> list[str]:
        made = Expr(f"{calls}::{self.name}", [f"${a.name}" for a in self.args])
        runner = Expr("$this->core->" + ("executeRaw" if raw else "execute"), [made, "$options"])
        keyword = "" if self.returns == "void" and not raw else "return "
        return lay(indent, keyword, runner)

    def delegate(self, indent: int, owner: str) -> list[str]:
        call = Expr(f"$this->{owner}->{self.name}", [*(f"${a.name}" for a in self.args), "$options"])
        return lay(indent, "" if self.returns == "void" else "return ", call)


@dataclass
class _Request:
    """What one call's lowering collects: arguments by where they go, request lines by part, imports by file."""

    local: set[str]
    path: list[Arg] = field(default_factory=list)
    required: list[Arg] = field(default_factory=list)  # required query/header/cookie parameters
    optional: list[Arg] = field(default_factory=list)
    parts: tuple[list[Arg], list[Arg]] = field(default_factory=lambda: ([], []))  # multipart: required, optional
    body: Arg | None = None
    lines: list[str] = field(default_factory=list)  # path parameters
    sent: list[str] = field(default_factory=list)  # query, headers, cookies
    body_lines: list[str] = field(default_factory=list)
    imports: set[Import] = field(default_factory=set)  # the service's (the result's types)
    call_imports: set[Import] = field(default_factory=lambda: {("core", "ApiRequest"), ("core", "Call")})
    arg_imports: set[Import] = field(default_factory=set)

    def enc(self, e: Encoding | None) -> list[str]:
        """The optional Encoding argument of a value's setter."""
        if e is None:
            return []
        self.call_imports.add(("core", "Encoding"))
        return [encoding(e)]


class CallLowering:
    """MethodViews for the calls of one SDK."""

    def __init__(self, types: PhpTypes, client: ClientPlan) -> None:
        self.types, self.client = types, client

    def method(self, call: CallPlan, name: str) -> MethodView:
        req = _Request(set(LOCAL_RESERVED) | {"pager"})
        req.lines = new_request(8, call.http_method, call.path)
        for p in call.path_params:
            a = self._arg(req, p.name.words, self.types.of(p.type), True, [p.description],
                          f"The {code(p.wire)} path parameter.")  # fmt: skip
            req.path.append(a)
            req.lines += lay(8, "$r->", Expr("pathParam", [php_string(p.wire), f"${a.name}", *req.enc(p.encoding)]))
        if call.body is not None:
            self._body(req, call.body)
        for p in [*call.query, *call.headers, *call.cookies]:
            self._sent(req, p)
        body = [req.body] if req.body is not None and call.body is not None else []
        required_body = body if call.body is not None and call.body.required else []
        optional_body = body if not required_body else []
        args = [*req.path, *req.parts[0], *required_body, *req.required, *optional_body, *req.parts[1], *req.optional]
        lines = req.lines + req.sent + req.body_lines + self._tail(call)
        returns, returns_doc, result = self._result(call, req)
        deprecated = "Deprecated: the API marks this operation as deprecated." if call.deprecated else ""
        doc: list[str] = [call.summary, call.description, deprecated]
        if not any(p.strip() for p in doc):
            doc = [Own(f"Calls {code(call.http_method)} {code(call.path)}.")]
        req.imports |= req.arg_imports
        req.call_imports |= req.arg_imports
        return MethodView(name, doc, args, returns, returns_doc, lines, result,
                          markdown_code(f"{call.http_method} {call.path}"),
                          markdown_text(first_line(call.summary) or first_line(call.description)), req.imports,
                          req.call_imports, req.arg_imports, call.deprecated)  # fmt: skip

    def _arg(self, req: _Request, words_: Sequence[str], found: PhpType, required: bool, docs: list[str],
             default_doc: str, native: str = "") -> Arg:  # fmt: skip
        """An argument named from its words (unique among the method's), typed `native` when given (optional:
        `|null` and a null default), else by the type map."""
        ident = numbered(identifier(words_, "param", frozenset(req.local)), req.local)
        if native:
            declared = native + (f" ${ident}" if required else f"|null ${ident} = null")
            doc_type = found.doc + ("" if required else "|null")
        else:
            form, doc_type = declared_param(found, required)
            declared = form.format(ident)
        req.arg_imports.update(found.imports)
        docs = docs if any(d.strip() for d in docs) else [Own(default_doc)]
        return Arg(ident, declared, doc_type, docs)

    def _sent(self, req: _Request, p: ParamPlan) -> None:
        notes = ["Deprecated: the API marks this parameter as deprecated."] if p.deprecated else []
        a = self._arg(req, p.name.words, self.types.of(p.type), p.required, [p.description, *notes],
                      f"The {code(p.wire)} parameter.")  # fmt: skip
        (req.required if p.required else req.optional).append(a)
        req.sent += lay(8, "$r->", Expr(p.location, [php_string(p.wire), f"${a.name}", *req.enc(p.encoding)]))

    def _body(self, req: _Request, body: BodyPlan) -> None:
        if body.kind == "multipart":
            self._multipart(req, body)
            return
        docs = [body.description] if body.description.strip() else []
        media = body.media_type or ("text/plain" if body.kind == "text" else "application/octet-stream")
        if body.kind in ("binary", "text"):
            found = BYTES if body.kind == "binary" else TEXT
            a = self._arg(req, ["body"], found, body.required, docs, "The request body.",
                          found.native if body.kind == "binary" else "")  # fmt: skip
            setter = "binaryBody" if body.kind == "binary" else "textBody"
            stmt = lay(8 if body.required else 12, "$r->", Expr(setter, [f"${a.name}", php_string(media)]))
            if not body.required:
                stmt = [f"        if (${a.name} !== null) {{", *stmt, "        }"]
        else:
            a = self._arg(req, ["body"], self.types.of(body.type), body.required, docs, "The request body.")
            stmt = lay(8, "$r->", Expr(f"{body.kind}Body", [f"${a.name}"]))
            for wire, e in body.encoding:
                stmt += lay(8, "$r->", Expr("fieldEncoding", [php_string(wire), *req.enc(e)]))
        req.body = a
        req.body_lines += stmt

    def _multipart(self, req: _Request, body: BodyPlan) -> None:
        """A multipart body's parts as arguments: a file part a FileUpload (a list: several), others typed."""
        model = self.types.resolve(body.type)
        declared = dict(body.encoding)
        for f in model.fields if model is not None and model.kind == "object" else ():
            name, default = words(f.ident or f.name), f"The {code(f.name)} part."
            if f.name in body.file_fields:
                many = f.type.kind == "array"
                found = PhpType("FileUpload|array", "FileUpload|list<FileUpload>", "", FILE.imports) if many else FILE
                a = self._arg(req, name, found, f.required, [f.description], default, found.native)
                req.body_lines += lay(8, "$r->", Expr("fileField", [php_string(f.name), f"${a.name}"]))
            else:
                a = self._arg(req, name, self.types.of(f.type), f.required, [f.description], default)
                part = [php_string(f.name), f"${a.name}", *req.enc(declared.get(f.name))]
                req.body_lines += lay(8, "$r->", Expr("multipartField", part))
            req.parts[0 if f.required else 1].append(a)

    def _tail(self, call: CallPlan) -> list[str]:
        """The request's settings after its values: security, idempotency, envelope, Accept."""
        lines: list[str] = []
        alternatives = self.client.security_set(call.public, call.security)
        if alternatives is not None:
            lines += lay(8, "$r->", Expr("security", [security(alternatives)]))
        if call.idempotency_header is not None:
            lines.append("        $r->idempotent();")
        if call.envelope:
            lines += lay(8, "$r->", Expr("envelope", [strings(call.envelope)]))
        if call.result_kind in ("binary", "text") and call.result_media_type:
            lines += lay(8, "$r->", Expr("accept", [php_string(call.result_media_type)]))
        return lines

    def _result(self, call: CallPlan, req: _Request) -> tuple[str, str, list[str]]:
        """(native return type, @return text, the *Calls lines that return the Call)."""
        if call.paging is not None:
            p = call.paging
            item = self.types.of(p.item_type)
            req.call_imports |= item.imports | item.desc_imports | {("core", "Pager")}
            req.imports |= item.imports | {("core", "Page")}
            lines = lay(8, "$pager = ", Expr("Pager::of", [php_string(p.style), strings(p.items)]), "")
            settings = pager_settings(p)
            for i, (key, value) in enumerate(settings):
                v: str | Expr = strings(value) if isinstance(value, tuple) else php_string(value)
                lines += lay(12, "->", Expr("with", [php_string(key), v]), ";" if i == len(settings) - 1 else "")
            if not settings:
                lines[-1] += ";"
            lines += lay(8, "return ", Expr("Call::page", ["$r", item.desc, "$pager"]))
            return "Page", f"Page<{item.doc}> the first page; `autoPager()` walks every item", lines
        if call.result_kind == "sse":
            req.imports.add(("core", "EventStream"))
            if call.result is not None:
                event = self.types.of(call.result)
                req.call_imports |= event.imports | event.desc_imports
                req.imports |= event.imports
                return "EventStream", f"EventStream<{event.doc}> the events", \
                    lay(8, "return ", Expr("Call::sse", ["$r", event.desc]))  # fmt: skip
            req.imports.add(("core", "ServerSentEvent"))
            return "EventStream", "EventStream<ServerSentEvent> the events", \
                lay(8, "return ", Expr("Call::sse", ["$r", "'event'"]))  # fmt: skip
        simple = {"empty": ("void", "", "Call::empty($r)"), "text": ("string", "string the body", "Call::text($r)"),
                  "ok": ("bool", "bool whether the API answered with a 2xx status", "Call::ok($r)"),
                  "binary": ("BinaryResponse", "", "Call::binary($r)")}  # fmt: skip
        if call.result_kind in simple:
            native, returns_doc, made = simple[call.result_kind]
            if native == "BinaryResponse":
                req.imports.add(("core", "BinaryResponse"))
            return native, returns_doc, [f"        return {made};"]
        found = self.types.of(call.result) if call.result is not None else MIXED
        if call.result is not None and call.result.nullable:
            found = found.nullable()
        req.imports |= found.imports
        req.call_imports |= found.imports | found.desc_imports
        returns_doc = found.doc if found.doc != found.native else ""
        return found.native, returns_doc, lay(8, "return ", Expr("Call::json", ["$r", found.desc]))
