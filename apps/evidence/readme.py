"""The README.txt inside every package: how to read it and check it, without ChildTrace."""

README = """\
ChildTrace evidence package
===========================

This zip holds records of a ChildTrace installation (incidents of deported or forcibly
transferred Ukrainian children, the child groups, the sources cited and what was
archived of them) as they were when the package was built, with their full history.

What is inside
--------------
manifest.json       who built the package, when, on which installation and software
                    version, the incidents it holds, and every other file with its
                    SHA-256 and size (manifest.json, SHA256SUMS and manifest.json.tsr
                    describe the others and are not listed in it).
SHA256SUMS          the SHA-256 of every file, manifest.json included, in the format
                    of the `sha256sum` tool.
manifest.json.tsr   only when present: an RFC 3161 timestamp of manifest.json from a
                    timestamp authority.
records/            the records as JSON, as ChildTrace's API shows them to its staff:
                    incidents.json (each with its child groups, the links between
                    groups, the officials and organizations involved and its citations
                    with the claim and the quoted passage), linked-child-groups.json
                    (groups of other incidents that a group here links to),
                    sources.json, officials.json, organizations.json, places.json, and
                    captures.json (each capture of each cited source: when, what was
                    fetched, the HTTP answer, and the SHA-256 recorded when it was made;
                    a capture whose page was identical to an earlier one says so in
                    `payload_stored_in`, and that earlier capture is here too, with
                    `deleted_at` set if it was deleted since with its own source).
captures/<id>/      each capture's WARC file (ISO 28500, gzipped) byte for byte as it
                    was stored, and text.txt, the text extracted from the page.
history/            every change to every record above: who, when, how (created,
                    changed, deleted), the record as it then was, and what changed.

How to check it without ChildTrace
----------------------------------
1. Unzip it into an empty folder and, in that folder, run

       sha256sum -c SHA256SUMS

   Every line must say OK. (On macOS: `shasum -a 256 -c SHA256SUMS`.) This shows that
   no file changed since the package was built, manifest.json included.
2. Check that the folder holds no file that SHA256SUMS does not list.
3. Compare the SHA-256 of manifest.json with the one the builder recorded (ChildTrace
   keeps the SHA-256 of every package's manifest, with who built it and when, in a
   table that is never changed: Admin -> Evidence packages).
4. Each WARC file's SHA-256 is also in records/captures.json (`warc_sha256`, recorded
   when the capture was made); each WARC response record carries the SHA-256 of its
   payload in its WARC-Payload-Digest header (base32), and `payload_sha256` in
   captures.json is that of the page or file captured. Any WARC reader (warcio,
   pywb, the Wayback Machine's tools) opens the files.
5. If manifest.json.tsr is present, check the timestamp with OpenSSL and the timestamp
   authority's certificate:

       openssl ts -verify -in manifest.json.tsr -data manifest.json -CAfile tsa-ca.pem

With ChildTrace, `manage.py verify_package FILE.zip` does all of this (steps 1, 2 and 4,
and the timestamp's link to the manifest) and names each file that fails.
"""


def readme_text() -> str:
    return README
