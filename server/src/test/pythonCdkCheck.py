"""Checks Python CDK code against the jsii assembly that the aws-cdk-lib npm package ships.

Used by the tests of the Python fixes (never on user code): the file is parsed with `ast` (not
run), and every CDK module, class, static member, method and keyword argument it writes must
exist under its Python name in the assembly (jsii generates the Python API from it). Prints a
JSON list of problems; an empty list means every name checked exists.

    python3 pythonCdkCheck.py <path to .jsii or .jsii.gz> <file.py> [<file.py> ...]

Prints {"<file>": [problems...]} (a file that does not parse: ["syntax error: ..."]).
"""

import ast
import gzip
import json
import re
import sys


def snake(name):
    if name.lower() == name:
        return name
    s = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z\d]+)", r"\1_\2", s)
    return s.lower()


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    head = json.loads(raw) if not path.endswith(".gz") else None
    if head and head.get("schema") == "jsii/file-redirect":
        import os

        with open(os.path.join(os.path.dirname(path), head["filename"]), "rb") as f:
            raw = gzip.decompress(f.read())
        return json.loads(raw)
    if path.endswith(".gz"):
        return json.loads(gzip.decompress(raw))
    return head


def main():
    assembly = load(sys.argv[1])
    result = {}
    for path in sys.argv[2:]:
        try:
            tree = ast.parse(open(path, encoding="utf-8").read())
        except SyntaxError as error:
            result[path] = [f"syntax error: {error}"]
            continue
        result[path] = check(assembly, tree)
    print(json.dumps(result))


def check(assembly, tree):
    types = assembly["types"]
    problems = []

    modules = {}  # local name -> jsii namespace prefix ('aws-cdk-lib.aws_s3' or 'aws-cdk-lib')
    classes = {}  # local name -> fqn

    def submodule(dotted):
        # aws_cdk.aws_s3 -> aws-cdk-lib.aws_s3 ; aws_cdk -> aws-cdk-lib
        if dotted == "aws_cdk":
            return "aws-cdk-lib"
        if dotted.startswith("aws_cdk."):
            return "aws-cdk-lib." + dotted[len("aws_cdk.") :]
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                ns = submodule(a.name)
                if ns:
                    if ns != "aws-cdk-lib" and ns not in assembly["submodules"]:
                        problems.append(f"no module {a.name}")
                    modules[a.asname or a.name.split(".")[0]] = ns if a.asname else "aws-cdk-lib"
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            ns = submodule(node.module)
            if not ns:
                continue
            for a in node.names:
                sub = ns + "." + a.name
                if ns == "aws-cdk-lib" and sub in assembly["submodules"]:
                    modules[a.asname or a.name] = sub
                elif sub in types:
                    classes[a.asname or a.name] = sub
                else:
                    problems.append(f"no {a.name} in {node.module}")

    def fqn_of(expr):
        """The jsii fqn an expression names: a module, a class or a class member path."""
        if isinstance(expr, ast.Name):
            if expr.id in modules:
                return ("module", modules[expr.id])
            if expr.id in classes:
                return ("type", classes[expr.id])
            return None
        if isinstance(expr, ast.Attribute):
            inner = fqn_of(expr.value)
            if not inner:
                return None
            kind, fqn = inner
            if kind == "module":
                candidate = fqn + "." + expr.attr
                if candidate in assembly["submodules"]:
                    return ("module", candidate)
                if candidate in types:
                    return ("type", candidate)
                problems.append(f"no {expr.attr} in {fqn}")
                return None
            if kind == "type":
                # A type nested in a class: `s3.CfnBucket.PublicAccessBlockConfigurationProperty`.
                if fqn + "." + expr.attr in types:
                    return ("type", fqn + "." + expr.attr)
                t = types[fqn]
                if t["kind"] == "enum":
                    if not any(m["name"] == expr.attr for m in t.get("members", [])):
                        problems.append(f"no member {expr.attr} in enum {fqn}")
                    return ("value", fqn)
                member = find_member(fqn, expr.attr, static=True)
                if member is None:
                    problems.append(f"no static {expr.attr} on {fqn}")
                    return None
                return ("static", (fqn, member))
        return None

    def bases(fqn):
        out = [fqn]
        i = 0
        while i < len(out):
            t = types.get(out[i], {})
            for b in ([t["base"]] if t.get("base") else []) + t.get("interfaces", []):
                if b not in out and b in types:
                    out.append(b)
            i += 1
        return out

    def find_member(fqn, py_name, static):
        for b in bases(fqn):
            t = types[b]
            for m in t.get("methods", []):
                if snake(m["name"]) == py_name and bool(m.get("static")) == static:
                    return m
            for p in t.get("properties", []):
                name = p["name"] if p.get("const") else snake(p["name"])
                if name == py_name and bool(p.get("static")) == static:
                    return p
        return None

    def struct_fields(fqn):
        return {snake(p["name"]) for b in bases(fqn) for p in types[b].get("properties", [])}

    def check_keywords(params, keywords, where):
        if not keywords:
            return
        names = {snake(p["name"]) for p in params}
        last = params[-1] if params else None
        fields = set()
        if last and "fqn" in last.get("type", {}) and types.get(last["type"]["fqn"], {}).get("datatype"):
            fields = struct_fields(last["type"]["fqn"])
        for k in keywords:
            if k.arg is None:
                continue
            if k.arg not in names and k.arg not in fields:
                problems.append(f"no keyword {k.arg} for {where}")

    variables = {}  # 'x' / 'self.x' -> fqn of the class it was built from

    def receiver_key(expr):
        if isinstance(expr, ast.Name):
            return expr.id
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
            return "self." + expr.attr
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            target = fqn_of(node.value.func)
            if target and target[0] == "type":
                for t in node.targets:
                    key = receiver_key(t)
                    if key:
                        variables[key] = target[1]

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            fqn_of(node)
        if not isinstance(node, ast.Call):
            continue
        target = fqn_of(node.func)
        if target and target[0] == "type":
            t = types[target[1]]
            init = t.get("initializer")
            if init is None and t.get("datatype"):
                fields = struct_fields(target[1])
                for k in node.keywords:
                    if k.arg and k.arg not in fields:
                        problems.append(f"no field {k.arg} in {target[1]}")
            elif init is not None:
                check_keywords(init.get("parameters", []), node.keywords, target[1])
        elif target and target[0] == "static":
            fqn, member = target[1]
            check_keywords(member.get("parameters", []), node.keywords, f"{fqn}.{member['name']}")
        elif isinstance(node.func, ast.Attribute):
            key = receiver_key(node.func.value)
            if key and key in variables:
                member = find_member(variables[key], node.func.attr, static=False)
                if member is None:
                    problems.append(f"no method {node.func.attr} on {variables[key]}")
                else:
                    check_keywords(member.get("parameters", []), node.keywords, f"{variables[key]}.{member['name']}")

    return sorted(set(problems))


if __name__ == "__main__":
    main()
