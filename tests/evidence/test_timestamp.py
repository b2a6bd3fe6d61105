"""The optional RFC 3161 timestamp of the manifest, against a timestamp authority made
here: OpenSSL's `ts -reply` behind a loopback HTTP server (no real authority is asked)."""

import shutil
import subprocess
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from apps.cases.models import Incident
from apps.evidence.services import build_package
from apps.evidence.tsa import TimestampError
from apps.evidence.verify import verify_package
from tests.evidence.helpers import rewritten

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl tool"),
]

CONFIG = """\
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = ChildTrace test timestamp authority
[ ext ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = {folder}/serial
signer_cert = {folder}/tsa.pem
signer_key = {folder}/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ess_cert_id_alg = sha256
"""


@pytest.fixture
def authority(tmp_path, settings):
    """A timestamp authority on 127.0.0.1: each POSTed query is answered by openssl."""
    folder = tmp_path / "tsa"
    folder.mkdir()
    (folder / "tsa.cnf").write_text(CONFIG.format(folder=folder))
    (folder / "serial").write_text("01\n")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", folder / "tsa.key", "-out", folder / "tsa.pem",
         "-config", folder / "tsa.cnf", "-extensions", "ext"],
        check=True, capture_output=True,
    )  # fmt: skip
    state = {"answer": None}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            query = self.rfile.read(int(self.headers["Content-Length"]))
            (folder / "query.tsq").write_bytes(query)
            subprocess.run(
                ["openssl", "ts", "-reply", "-config", folder / "tsa.cnf",
                 "-queryfile", folder / "query.tsq", "-out", folder / "reply.tsr"],
                check=True, capture_output=True,
            )  # fmt: skip
            body = state["answer"] or (folder / "reply.tsr").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.EVIDENCE_TSA_URL = f"http://127.0.0.1:{server.server_address[1]}/tsa"
    settings.EVIDENCE_TSA_TIMEOUT = 20
    yield folder, state
    server.shutdown()
    server.server_close()


def one_incident() -> list[int]:
    cites_a_url = Incident.objects.filter(citations__source__url__isnull=False).order_by("pk")
    return [cites_a_url.values_list("pk", flat=True)[0]]


def test_a_timestamped_package_verifies_here_and_with_openssl(demo, user, authority, tmp_path):
    folder, _ = authority
    path = tmp_path / "stamped.zip"
    with path.open("wb") as out:
        built = build_package(one_incident(), by=user, out=out)
    assert built.record.timestamped
    verdict = verify_package(path)
    assert verdict.problems == [] and verdict.timestamp
    unzipped = tmp_path / "unzipped"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(unzipped)
        assert "  manifest.json.tsr\n" in archive.read("SHA256SUMS").decode()
    checked = subprocess.run(
        ["openssl", "ts", "-verify", "-in", "manifest.json.tsr", "-data", "manifest.json",
         "-CAfile", folder / "tsa.pem"],
        cwd=unzipped, capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The token belongs to this manifest: another manifest fails the imprint check.
    other = rewritten(
        path,
        tmp_path / "other.zip",
        change={"manifest.json": lambda data: data.replace(b"{", b"{ ", 1)},
    )
    assert "manifest.json.tsr: its message imprint is not the hash of manifest.json" in (
        verify_package(other).problems
    )


def test_an_answer_for_another_request_builds_nothing(demo, user, authority, tmp_path):
    folder, state = authority
    path = tmp_path / "first.zip"
    with path.open("wb") as out:
        build_package(one_incident(), by=user, out=out)
    state["answer"] = (folder / "reply.tsr").read_bytes()  # replayed: an old manifest's
    with (
        pytest.raises(TimestampError, match=r"not the hash of manifest\.json"),
        (tmp_path / "second.zip").open("wb") as out,
    ):
        build_package(one_incident(), by=user, out=out)


def test_an_authority_that_does_not_answer_builds_nothing(demo, user, settings, tmp_path):
    settings.EVIDENCE_TSA_URL = "http://127.0.0.1:9/tsa"  # discard port: refused
    settings.EVIDENCE_TSA_TIMEOUT = 2
    with (
        pytest.raises(TimestampError, match="did not answer"),
        (tmp_path / "p.zip").open("wb") as out,
    ):
        build_package(one_incident(), by=user, out=out)
    from apps.evidence.models import EvidencePackage

    assert not EvidencePackage.objects.exists()
