"""The OpenAPI document turned into what the /api/v2/docs/ template shows.

Everything on the docs page comes from the same document a machine reads at
/api/v2/openapi.json: operations with their parameters and answers, a curl command, an example
answer built from the schemas, and every schema as a table. So the page can't say something
the description doesn't.
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

METHODS = ("get", "post")
REF_PREFIX = "#/components/schemas/"


def markdown_lite(text: str) -> SafeString:
    """The little Markdown the descriptions use: paragraphs, `- ` lists, `code`, **bold**,
    *italics*. Escaped first, so nothing in a description can inject HTML."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in chunk.splitlines()]
        if lines and lines[0].startswith("- "):
            items, current = [], []
            for line in lines:
                if line.startswith("- ") and current:
                    items.append(" ".join(current))
                    current = []
                current.append(line.removeprefix("- "))
            items.append(" ".join(current))
            blocks.append("<ul>" + "".join(f"<li>{inline(item)}</li>" for item in items) + "</ul>")
        elif lines:
            blocks.append(f"<p>{inline(' '.join(lines))}</p>")
    return mark_safe("".join(blocks))  # noqa: S308 (every piece went through escape())


def inline(text: str) -> str:
    html = escape(text)
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    # Never across a tag: an asterisk inside `code` (e.g. `fields=*`) is not emphasis.
    html = re.sub(r"\*\*([^*<>]+)\*\*", r"<strong>\1</strong>", html)
    return re.sub(r"\*([^*<>]+)\*", r"<em>\1</em>", html)


def schema_name(schema: dict) -> str | None:
    target = schema.get("$ref", "")
    return target.removeprefix(REF_PREFIX) if target.startswith(REF_PREFIX) else None


def linked_schema(schema: dict) -> str | None:
    """The named schema a field holds (itself, its items, or the non-null choice)."""
    options = [schema, schema.get("items") or {}, *schema.get("oneOf", [])]
    return next((name for option in options if (name := schema_name(option))), None)


def type_label(schema: dict) -> str:
    """A short human label for a schema: 'integer, 1–50', 'array of ServiceStep', …"""
    if name := schema_name(schema):
        return name
    if "const" in schema:
        return json.dumps(schema["const"])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(value) for value in schema["enum"])
    if "oneOf" in schema:
        return " or ".join(type_label(option) for option in schema["oneOf"])
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        return f"array of {type_label(schema.get('items', {}))}"
    if kind == "object" and "additionalProperties" in schema and not schema.get("properties"):
        return f"object of {type_label(schema['additionalProperties'] or {})}"
    details = []
    if "format" in schema:
        details.append(schema["format"])
    if "minimum" in schema or "maximum" in schema:
        details.append(f"{schema.get('minimum', '…')}–{schema.get('maximum', '…')}")
    if "maxLength" in schema:
        details.append(f"at most {schema['maxLength']} characters")
    if "default" in schema:
        details.append(f"default {schema['default']}")
    return ", ".join([kind, *details])


def example_of(schema: dict, schemas: dict, depth: int = 0):
    """A plausible example value for a schema: its own example, else one built from its parts."""
    if depth > 8:
        return None
    if name := schema_name(schema):
        return example_of(schemas[name], schemas, depth + 1)
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "oneOf" in schema:
        options = [option for option in schema["oneOf"] if option.get("type") != "null"]
        return example_of(options[0], schemas, depth + 1)
    kind = schema.get("type", "string")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object":
        return {
            name: example_of(sub, schemas, depth + 1)
            for name, sub in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [example_of(schema.get("items", {}), schemas, depth + 1)]
    if kind == "integer":
        return schema.get("default", schema.get("minimum", 1) or 1)
    if kind == "boolean":
        return True
    if schema.get("format") == "uri":
        return "https://clinic.example.com/…"
    if schema.get("format") == "date-time":
        return "2026-11-23T09:00:00Z"
    return "…"


@dataclass
class Answer:
    status: str
    description: SafeString
    schema: str
    example: str = ""


@dataclass
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: SafeString
    parameters: list[dict]
    request_body: str
    answers: list[Answer]
    curl: str


@dataclass
class Section:
    name: str
    anchor: str
    description: str
    operations: list[Operation] = field(default_factory=list)


@dataclass
class SchemaTable:
    name: str
    anchor: str
    description: SafeString
    label: str
    properties: list[dict]


def curl_for(server: str, path: str, method: str, parameters: list[dict], body_schema, schemas):
    url_path = path.replace("{id}", "1")
    query = [
        f"{p['name']}={quote(str(p['example_value']), safe='/:,*')}"
        for p in parameters
        if p["in"] == "query" and p["required"]
    ]
    url = server + url_path + ("?" + "&".join(query) if query else "")
    if method == "post":
        body = json.dumps(example_of(body_schema, schemas))
        return f"curl -X POST '{url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{body}'"
    return f"curl -i '{url}'"


def parameter_row(parameter: dict) -> dict:
    example = parameter.get("example")
    if example is None and parameter.get("examples"):
        example = next(iter(parameter["examples"].values()))["value"]
    return {
        "name": parameter["name"],
        "in": parameter["in"],
        "required": parameter.get("required", False),
        "type": type_label(parameter.get("schema", {})),
        "description": markdown_lite(parameter.get("description", "")),
        "example_value": example if example is not None else "",
    }


def operation_view(document: dict, path: str, method: str, spec: dict, shared_params) -> Operation:
    schemas = document["components"]["schemas"]
    parameters = [parameter_row(p) for p in [*shared_params, *spec.get("parameters", [])]]
    body_schema = (
        spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    )
    answers = []
    for status, answer in spec["responses"].items():
        content = answer.get("content", {}).get("application/json")
        example = ""
        if content and status.startswith("2"):
            value = content.get("example", example_of(content["schema"], schemas))
            example = json.dumps(value, indent=2, ensure_ascii=False)
        answers.append(
            Answer(
                status=status,
                description=markdown_lite(answer.get("description", "")),
                schema=type_label(content["schema"]) if content else "",
                example=example,
            )
        )
    return Operation(
        method=method.upper(),
        path=path,
        anchor=spec["operationId"].replace("_", "-"),
        summary=spec.get("summary", ""),
        description=markdown_lite(spec.get("description", "")),
        parameters=parameters,
        request_body=type_label(body_schema) if body_schema else "",
        answers=answers,
        curl=curl_for(
            document["servers"][0]["url"], path, method, parameters, body_schema or {}, schemas
        ),
    )


def sections(document: dict) -> list[Section]:
    by_tag = {
        tag["name"]: Section(
            name=tag["name"],
            anchor="tag-" + re.sub(r"\W+", "-", tag["name"].lower()),
            description=tag.get("description", ""),
        )
        for tag in document.get("tags", [])
    }
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                spec = item[method]
                view = operation_view(document, path, method, spec, item.get("parameters", []))
                by_tag[spec["tags"][0]].operations.append(view)
    return [section for section in by_tag.values() if section.operations]


def schema_tables(document: dict) -> list[SchemaTable]:
    tables = []
    for name, schema in document["components"]["schemas"].items():
        required = set(schema.get("required", []))
        properties = [
            {
                "name": prop,
                "type": type_label(sub),
                "link": linked_schema(sub),
                "required": prop in required,
                "description": markdown_lite(sub.get("description", "")),
            }
            for prop, sub in schema.get("properties", {}).items()
        ]
        tables.append(
            SchemaTable(
                name=name,
                anchor=f"schema-{name}",
                description=markdown_lite(schema.get("description", "")),
                label=type_label(schema) if not properties else "object",
                properties=properties,
            )
        )
    return tables
