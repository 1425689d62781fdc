#!/usr/bin/env bash
# Forwards for issue 15 ("forwarded mail as the normal case"): forwards/ holds real generated S/MIME and PGP/MIME
# messages of this folder (made by make.sh with openssl and gpg) forwarded the way Thunderbird, Gmail, Outlook and
# Apple Mail forward, as an attachment and inline, plus what carries a message without being a forward (a delivery
# status notification, a digest, a letter with files) and an Outlook reply. Built with Python's email package
# (lib/forwards.py). Also two samples the suggested-reply tests need: a portal notice and a message cut short in transit.
# forwards/MANIFEST.tsv lists every file and the exact command. Output is byte-reproducible.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf forwards; mkdir -p forwards
printf 'file\tkind\tfacts\tcommand\n' > forwards/MANIFEST.tsv
run() { local file=$1 kind=$2 facts=$3 cmd=$4; bash -c "$cmd > forwards/$file"; printf '%s\t%s\t%s\t%s\n' "$file" "$kind" "$facts" "$cmd > forwards/$file" >> forwards/MANIFEST.tsv; }
SMIME=smime/enveloped-rsa-1recip-aes256cbc.eml; PGP=pgp/pgpmime-encrypted-1recip-rsa.eml; SIGNED=smime/signed-detached-rsa-sha256.eml
run attached-thunderbird-smime.eml attached "Thunderbird Forward As Attachment of $SMIME (S/MIME for bob 0x1002)" "python3 lib/forwards.py attached thunderbird $SMIME"
run attached-gmail-pgp.eml attached "Gmail forward as attachment (no subject, empty body) of $PGP (PGP/MIME for alice RSA)" "python3 lib/forwards.py attached gmail $PGP"
run attached-outlook-smime.eml attached "Outlook FW: with a note and signature, $SMIME attached" "python3 lib/forwards.py attached outlook $SMIME"
run attached-outlook-base64-smime.eml attached "as attached-outlook-smime.eml but the message/rfc822 part base64-encoded (against RFC 2046, seen in the wild)" "python3 lib/forwards.py attached outlook-base64 $SMIME"
run attached-apple-mail-signed.eml attached "Apple Mail Forward as Attachment of $SIGNED (S/MIME signed by alice)" "python3 lib/forwards.py attached apple-mail $SIGNED"
run attached-outlook-of-thunderbird-forward.eml attached "Outlook FW: of attached-thunderbird-smime.eml: a colleague forwards a customer's forward (two levels)" "python3 lib/forwards.py attached outlook forwards/attached-thunderbird-smime.eml"
run inline-gmail.eml inline "Gmail inline forward (---------- Forwarded message ---------) of $SIGNED" "python3 lib/forwards.py inline gmail $SIGNED"
run inline-gmail-ja.eml inline "Gmail (Japanese) inline forward of $SIGNED" "python3 lib/forwards.py inline gmail-ja $SIGNED"
run inline-thunderbird.eml inline "Thunderbird inline forward (-------- Forwarded Message --------) of $SMIME" "python3 lib/forwards.py inline thunderbird $SMIME"
run inline-apple-mail.eml inline "Apple Mail inline forward (Begin forwarded message:) of $SIGNED" "python3 lib/forwards.py inline apple-mail $SIGNED"
run inline-outlook.eml inline "new Outlook / Outlook on the web inline FW: (underscore rule + From/Sent/To/Subject) of $SIGNED" "python3 lib/forwards.py inline outlook $SIGNED"
run inline-outlook-de.eml inline "classic Outlook German WG: (-----Ursprüngliche Nachricht-----) of $SIGNED" "python3 lib/forwards.py inline outlook-de $SIGNED"
run reply-outlook.eml not-a-forward "Outlook RE: quoting $SIGNED under -----Original Message-----: a reply" "python3 lib/forwards.py reply-outlook $SIGNED"
run dsn-returning-smime.eml not-a-forward "RFC 3464 bounce (multipart/report, message/delivery-status) returning $SMIME whole" "python3 lib/forwards.py dsn $SMIME"
run digest-with-smime.eml not-a-forward "multipart/digest carrying $SMIME" "python3 lib/forwards.py digest $SMIME"
run letter-with-files.eml not-a-forward "long letter with a PDF and $SMIME attached among the files" "python3 lib/forwards.py letter $SMIME"
run portal-notice-proofpoint.eml portal "SYNTHETIC Proofpoint Encryption notice (notice wording + SecureMessageAtt.html, placeholder content)" "python3 lib/forwards.py portal-notice $SMIME"
run text-cut-short.eml damaged "a base64 text/plain message whose last line was cut mid-way (truncated base64), as a dropped connection leaves it" "python3 lib/forwards.py cut-short $SIGNED"
