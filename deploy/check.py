#!/usr/bin/env python3
"""Offline checks of the deployment files; needs no cluster and no Docker engine.

1. Every YAML file under deploy/ and docker-compose.yml parses.
2. Every kustomization.yaml names only files and folders that exist (resources, patches, generator files).
3. With kubectl on the PATH: base and every overlay build (kubectl kustomize), and in each build every reference
   resolves: workload selectors match their pod labels, Services select a workload and name its ports, probes name
   container ports, volume mounts name declared volumes, and ConfigMaps, Secrets (and their keys) and
   PersistentVolumeClaims referred to are part of the build.

Usage: python3 deploy/check.py   (exit status 1 and one line per problem when something is wrong)
"""
import pathlib
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
problems = []


def load_all(path):
    try:
        return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]
    except yaml.YAMLError as error:
        problems.append(f"{path.relative_to(ROOT)}: does not parse: {error}")
        return []


def check_kustomization(path):
    folder = path.parent
    spec = load_all(path)[0]
    names = list(spec.get("resources", []))
    names += [p["path"] for p in spec.get("patches", []) if "path" in p]
    for generator in spec.get("configMapGenerator", []) + spec.get("secretGenerator", []):
        names += [f.split("=", 1)[-1] for f in generator.get("files", [])]
    for name in names:
        target = (folder / name).resolve()
        if target.is_dir():
            if not (target / "kustomization.yaml").is_file():
                problems.append(f"{path.relative_to(ROOT)}: {name} is a folder without kustomization.yaml")
        elif not target.is_file():
            problems.append(f"{path.relative_to(ROOT)}: {name} does not exist")


def pod_spec(obj):
    kind = obj["kind"]
    if kind in ("Deployment", "StatefulSet", "Job", "DaemonSet"):
        return obj["spec"]["template"]["spec"], obj["spec"]["template"]["metadata"].get("labels", {})
    return None, None


def check_build(name, docs):
    where = f"kubectl kustomize {name}"
    index = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    namespaces = {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"}
    if len(namespaces) > 1:
        problems.append(f"{where}: objects in several namespaces {sorted(map(str, namespaces))}")
    workloads = []
    for obj in docs:
        spec, labels = pod_spec(obj)
        if spec is None:
            continue
        label = f"{where}: {obj['kind']}/{obj['metadata']['name']}"
        workloads.append((obj, spec, labels))
        selector = obj["spec"].get("selector", {}).get("matchLabels", {})
        if obj["kind"] != "Job" and (not selector or any(labels.get(k) != v for k, v in selector.items())):
            problems.append(f"{label}: selector {selector} does not match pod labels {labels}")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        claim_templates = {t["metadata"]["name"] for t in obj["spec"].get("volumeClaimTemplates", [])}
        for volume in volumes.values():
            if "persistentVolumeClaim" in volume:
                claim = volume["persistentVolumeClaim"]["claimName"]
                if ("PersistentVolumeClaim", claim) not in index:
                    problems.append(f"{label}: PersistentVolumeClaim {claim} is not in the build")
            if "configMap" in volume and ("ConfigMap", volume["configMap"]["name"]) not in index:
                problems.append(f"{label}: ConfigMap {volume['configMap']['name']} is not in the build")
        for container in spec.get("containers", []) + spec.get("initContainers", []):
            ports = {p.get("name") for p in container.get("ports", [])}
            ports |= {p["containerPort"] for p in container.get("ports", [])}
            for mount in container.get("volumeMounts", []):
                if mount["name"] not in volumes and mount["name"] not in claim_templates:
                    problems.append(f"{label}: mount {mount['name']} names no volume")
            for probe_name in ("startupProbe", "readinessProbe", "livenessProbe"):
                probe = container.get(probe_name) or {}
                port = (probe.get("httpGet") or probe.get("tcpSocket") or {}).get("port")
                if port is not None and port not in ports:
                    problems.append(f"{label}: {probe_name} port {port} is not a container port")
            for source in container.get("envFrom", []):
                ref = source.get("configMapRef") or source.get("secretRef")
                kind = "ConfigMap" if "configMapRef" in source else "Secret"
                if (kind, ref["name"]) not in index:
                    problems.append(f"{label}: {kind} {ref['name']} is not in the build")
            for env in container.get("env", []):
                for ref_kind, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    ref = (env.get("valueFrom") or {}).get(ref_kind)
                    if ref is None:
                        continue
                    target = index.get((kind, ref["name"]))
                    data = {} if target is None else {**target.get("data", {}), **target.get("stringData", {})}
                    if ref["key"] not in data:
                        problems.append(f"{label}: env {env['name']}: {kind} {ref['name']} has no key {ref['key']}")
    for service in (d for d in docs if d["kind"] == "Service"):
        selector = service["spec"].get("selector", {})
        matched = [(o, s) for o, s, labels in workloads
                   if o["kind"] != "Job" and all(labels.get(k) == v for k, v in selector.items())]
        label = f"{where}: Service/{service['metadata']['name']}"
        if not matched:
            problems.append(f"{label}: selector {selector} matches no workload")
        for obj, spec in matched:
            names = {p.get("name") for c in spec["containers"] for p in c.get("ports", [])}
            numbers = {p["containerPort"] for c in spec["containers"] for p in c.get("ports", [])}
            for port in service["spec"]["ports"]:
                target = port.get("targetPort", port["port"])
                if target not in names and target not in numbers:
                    problems.append(f"{label}: targetPort {target} is not a port of {obj['metadata']['name']}")
    for obj in (d for d in docs if d["kind"] == "StatefulSet"):
        if ("Service", obj["spec"].get("serviceName")) not in index:
            problems.append(f"{where}: StatefulSet/{obj['metadata']['name']}: serviceName names no Service")


def main():
    files = sorted(DEPLOY.rglob("*.yaml")) + sorted(DEPLOY.rglob("*.yml")) + [ROOT / "docker-compose.yml"]
    for path in files:
        load_all(path)
    kustomizations = sorted(DEPLOY.rglob("kustomization.yaml"))
    for path in kustomizations:
        check_kustomization(path)
    built = 0
    if shutil.which("kubectl"):
        for path in kustomizations:
            name = str(path.parent.relative_to(ROOT))
            result = subprocess.run(["kubectl", "kustomize", name], cwd=ROOT, capture_output=True, text=True)
            if result.returncode != 0:
                problems.append(f"kubectl kustomize {name}: {result.stderr.strip()}")
                continue
            check_build(name, [d for d in yaml.safe_load_all(result.stdout) if d])
            built += 1
    else:
        print("kubectl not found: builds not checked")
    for problem in problems:
        print(problem)
    print(f"{len(files)} YAML files, {len(kustomizations)} kustomizations, {built} builds checked: "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
