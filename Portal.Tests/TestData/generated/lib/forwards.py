#!/usr/bin/env python3
"""Forwards shaped the way real mail clients write them, built with Python's email package around real generated
messages (the S/MIME and PGP/MIME files of this folder, made by make.sh with openssl and gpg).

  attached CLIENT ORIGINAL   forward with ORIGINAL attached as message/rfc822, shaped like CLIENT's
                             "forward as attachment" (thunderbird, gmail, outlook, apple-mail, outlook-base64)
  inline CLIENT ORIGINAL     forward with ORIGINAL's text pasted below CLIENT's separator and copied header lines
                             (gmail, thunderbird, apple-mail, outlook, outlook-de, gmail-ja)
  reply-outlook ORIGINAL     an Outlook reply ("RE:") quoting ORIGINAL under "-----Original Message-----": not a forward
  dsn ORIGINAL               RFC 3464 delivery status notification returning ORIGINAL (multipart/report)
  digest ORIGINAL            RFC 2046 multipart/digest carrying ORIGINAL
  letter ORIGINAL            a long letter with a PDF and ORIGINAL attached among other files: not a forward
  cut-short ORIGINAL         ORIGINAL's text re-sent as base64 text/plain whose last line was cut mid-way, as a dropped
                             connection leaves a message that the receiving server still closed
  portal-notice ORIGINAL     SYNTHETIC: a Proofpoint Encryption notice about ORIGINAL (wording and the SecureMessageAtt.html
                             attachment name as in vendors.json; the attachment holds placeholder HTML, no real envelope)
Writes the message to stdout with CRLF line endings. Dates, boundaries and IDs are fixed so output is reproducible.
"""
import base64
import sys
import textwrap
from email import message_from_bytes, policy
from email import charset as charsets
from email.generator import BytesGenerator
from email.message import EmailMessage, Message
from email.mime.application import MIMEApplication
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from io import BytesIO

# Mail clients send text as quoted-printable, not base64 (Python's default for utf-8).
charsets.add_charset("utf-8", charsets.QP, charsets.QP, "utf-8")
FORWARDER = "Dana Support <dana@helpdesk.example>"
DESK = "Help Desk <helpdesk@helpdesk.example>"
DATE = "Thu, 16 Jan 2025 09:30:00 +0100"

cmd, client = sys.argv[1], (sys.argv[2] if len(sys.argv) > 3 else None)
path = sys.argv[-1]
raw = open(path, "rb").read()
original = message_from_bytes(raw, policy=policy.compat32)
subject = str(original["Subject"])
counter = iter(range(1, 100))


def boundary(m):
    # A forward of a forward carries the inner forward's boundaries: one of ours must never equal one of them.
    level = next(n for n in range(1, 10) if f"_forward{'_' * (n - 1)}".encode() + b'"' not in raw and f"_forward{'_' * (n - 1)}\n".encode() not in raw)
    m.set_boundary(f"----=_Part_{next(counter):04d}_forward{'_' * (level - 1)}")
    return m


def headers(m, subject_line, extra=()):
    m["From"] = FORWARDER
    m["To"] = DESK
    m["Subject"] = subject_line
    m["Date"] = DATE
    m["Message-ID"] = f"<fwd-{cmd}-{client or 'x'}@helpdesk.example>"
    for name, value in extra:
        m[name] = value
    return m


def attached_original(encoding=None):
    if encoding == "base64":
        part = MIMEApplication(raw, "octet-stream")
        part.replace_header("Content-Type", "message/rfc822")
    else:
        part = MIMEMessage(original)
    part.add_header("Content-Disposition", "attachment", filename=f"{subject}.eml")
    return part


def text_of_original():
    """What a client pastes: the original's readable text; an encrypted body shows up as its armor or nothing."""
    for part in original.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode("utf-8", "replace").replace("\r\n", "\n")
    return "(The message was encrypted; its content could not be shown.)\n"


def alternative(plain, html):
    alt = boundary(MIMEMultipart("alternative"))
    alt.attach(MIMEText(plain, "plain", "utf-8"))
    alt.attach(MIMEText(html, "html", "utf-8"))
    return alt


o = {k: str(original[k]) for k in ("From", "Date", "To", "Subject")}
if cmd == "attached":
    if client == "thunderbird":  # Message > Forward As > Attachment: an empty flowed text part, the .eml named after the subject
        m = boundary(MIMEMultipart("mixed"))
        headers(m, "Fwd: " + subject, [("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "en-US")])
        body = MIMEText("\n", "plain", "utf-8")
        body.set_param("format", "flowed")
        m.attach(body)
        m.attach(attached_original())
    elif client == "gmail":  # selected messages > Forward as attachment: no subject, an empty alternative, the .eml
        m = boundary(MIMEMultipart("mixed"))
        headers(m, "")
        m.attach(alternative("\n", '<div dir="ltr"><br></div>\n'))
        part = attached_original()
        part.add_header("X-Attachment-Id", "f_m5xq1ye80")
        part.add_header("Content-ID", "<f_m5xq1ye80>")
        m.attach(part)
    elif client in ("outlook", "outlook-base64"):  # More actions > Forward as attachment: "FW:", a note with a signature
        m = boundary(MIMEMultipart("mixed"))
        headers(m, "FW: " + subject, [("Thread-Topic", subject), ("Thread-Index", "AdtnxQ2b3mJ0k8Q1Sx6tq0Zb1cG9xA=="),
                                      ("X-MS-Has-Attach", "yes"), ("Content-Language", "en-US"),
                                      ("X-Mailer", "Microsoft Outlook 16.0")])
        m.attach(alternative("Can someone take a look? The customer says we should be able to read this.\n\n"
                             "Dana\n--\nDana Support | Help Desk\n",
                             "<p>Can someone take a look? The customer says we should be able to read this.</p><p>Dana<br>--<br>Dana Support | Help Desk</p>\n"))
        m.attach(attached_original("base64" if client == "outlook-base64" else None))
    elif client == "apple-mail":  # Message > Forward as Attachment
        m = boundary(MIMEMultipart("mixed"))
        headers(m, "Fwd: " + subject, [("X-Mailer", "Apple Mail (2.3774.300.61.1.2)")])
        m.attach(MIMEText("\n\nSent from my Mac\n", "plain", "us-ascii"))
        m.attach(attached_original())
    else:
        sys.exit("unknown client " + client)
elif cmd == "inline":
    text = text_of_original()
    if client == "gmail":
        block = (f"---------- Forwarded message ---------\nFrom: {o['From']}\nDate: {o['Date']}\n"
                 f"Subject: {o['Subject']}\nTo: {o['To']}\n\n\n{text}")
        m = boundary(MIMEMultipart("alternative"))
        headers(m, "Fwd: " + subject)
        m.attach(MIMEText("\n\n" + block, "plain", "utf-8"))
        html_block = block.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
        m.attach(MIMEText(f'<div dir="ltr"><br><br><div class="gmail_quote">{html_block}</div></div>\n', "html", "utf-8"))
    elif client == "gmail-ja":
        block = (f"---------- 転送されたメッセージ ---------\n差出人: {o['From']}\n日付: {o['Date']}\n"
                 f"件名: {o['Subject']}\nTo: {o['To']}\n\n\n{text}")
        m = MIMEText("\n\n" + block, "plain", "utf-8")
        headers(m, "Fwd: " + subject)
    elif client == "thunderbird":
        block = (f"-------- Forwarded Message --------\nSubject: \t{o['Subject']}\nDate: \t{o['Date']}\n"
                 f"From: \t{o['From']}\nTo: \t{o['To']}\n\n\n\n{text}")
        m = MIMEText("\n\n\n" + block, "plain", "utf-8")
        m.set_param("format", "flowed")
        headers(m, "Fwd: " + subject, [("User-Agent", "Mozilla Thunderbird")])
    elif client == "apple-mail":
        block = (f"Begin forwarded message:\n\nFrom: {o['From']}\nSubject: {o['Subject']}\nDate: {o['Date']}\n"
                 f"To: {o['To']}\n\n{text}")
        m = MIMEText("\n\n" + block, "plain", "utf-8")
        headers(m, "Fwd: " + subject, [("X-Mailer", "Apple Mail (2.3774.300.61.1.2)")])
    elif client == "outlook":  # new Outlook and Outlook on the web: a rule of underscores, then From/Sent/To/Subject
        block = (f"________________________________\nFrom: {o['From']}\nSent: Wednesday, January 15, 2025 12:00 PM\n"
                 f"To: {o['To']}\nSubject: {o['Subject']}\n\n{text}")
        m = boundary(MIMEMultipart("alternative"))
        headers(m, "FW: " + subject, [("Thread-Topic", subject), ("X-MS-Has-Attach", ""), ("Content-Language", "en-US")])
        m.attach(MIMEText("Please see below.\n\n" + block, "plain", "utf-8"))
        m.attach(MIMEText("<p>Please see below.</p><hr>" + block.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>"), "html", "utf-8"))
    elif client == "outlook-de":  # classic Outlook in German
        block = (f"-----Ursprüngliche Nachricht-----\nVon: {o['From']}\nGesendet: Mittwoch, 15. Januar 2025 12:00\n"
                 f"An: {o['To']}\nBetreff: {o['Subject']}\n\n{text}")
        m = MIMEText("Bitte einmal ansehen.\n\n" + block, "plain", "utf-8")
        headers(m, "WG: " + subject, [("Thread-Topic", subject), ("Content-Language", "de-DE")])
    else:
        sys.exit("unknown client " + client)
elif cmd == "reply-outlook":
    block = (f"-----Original Message-----\nFrom: {o['From']}\nSent: Wednesday, January 15, 2025 12:00 PM\n"
             f"To: {o['To']}\nSubject: {o['Subject']}\n\n{text_of_original()}")
    m = MIMEText("Thanks, received.\n\n" + block, "plain", "utf-8")
    headers(m, "RE: " + subject, [("Thread-Topic", subject), ("In-Reply-To", str(original["Message-ID"]))])
elif cmd == "dsn":  # what Postfix's bounce daemon writes (RFC 3464), with the whole original returned
    m = boundary(MIMEMultipart("report", report_type="delivery-status"))
    m["From"] = "MAILER-DAEMON@mx.helpdesk.example (Mail Delivery System)"
    m["To"] = o["From"]
    m["Subject"] = "Undelivered Mail Returned to Sender"
    m["Date"] = DATE
    m["Message-ID"] = "<dsn-1@mx.helpdesk.example>"
    m["Auto-Submitted"] = "auto-replied"
    m.attach(MIMEText("This is the mail system at host mx.helpdesk.example.\n\nI'm sorry to have to inform you that your message could not\n"
                      "be delivered to one or more recipients. It's attached below.\n", "plain", "us-ascii"))
    status = Message()
    status.set_type("message/delivery-status")
    per_message, per_recipient = Message(), Message()
    per_message["Reporting-MTA"] = "dns; mx.helpdesk.example"
    per_recipient["Final-Recipient"] = "rfc822; bob@example.test"
    per_recipient["Action"] = "failed"
    per_recipient["Status"] = "5.1.1"
    per_recipient["Diagnostic-Code"] = "smtp; 550 5.1.1 <bob@example.test>: Recipient address rejected"
    status.set_payload([per_message, per_recipient])
    m.attach(status)
    m.attach(MIMEMessage(original))
elif cmd == "digest":
    m = boundary(MIMEMultipart("digest"))
    headers(m, "support-list Digest, Vol 3, Issue 7")
    m.attach(MIMEMessage(original))
elif cmd == "letter":
    m = boundary(MIMEMultipart("mixed"))
    headers(m, "Documents for the audit")
    m.attach(MIMEText("Hello,\n\n" + ("as discussed in the meeting, here are the documents for the audit. " * 30) +
                      "\n\nThe old exchange with the vendor is attached for reference.\n\nDana\n", "plain", "utf-8"))
    pdf = MIMEApplication(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "pdf")
    pdf.add_header("Content-Disposition", "attachment", filename="audit.pdf")
    m.attach(pdf)
    m.attach(attached_original())
elif cmd == "cut-short":
    m = Message()
    m["Content-Type"] = 'text/plain; charset="utf-8"'
    m["Content-Transfer-Encoding"] = "base64"
    headers(m, "Meeting notes")
    body = "\n".join(textwrap.wrap(base64.b64encode((text_of_original() * 8).encode()).decode(), 76))
    m.set_payload(body[:-7] + "\n")
elif cmd == "portal-notice":
    m = boundary(MIMEMultipart("mixed"))
    headers(m, "[Secure] " + subject, [("X-Corpus-Synthetic", "yes; generated by make-forwards.sh, see forwards/MANIFEST.tsv")])
    del m["From"]
    m["From"] = o["From"]
    m.attach(MIMEText("You have received a secure message.\n\nOpen the attachment SecureMessageAtt.html to read it in your "
                      "web browser. This message was protected by Proofpoint Encryption.\n", "plain", "utf-8"))
    att = MIMEText("<html><body><form action=\"https://secure.example/securereader/init.jsf\" method=\"post\">"
                   "<input type=\"hidden\" name=\"msg\" value=\"placeholder\"></form></body></html>\n", "html", "utf-8")
    att.add_header("Content-Disposition", "attachment", filename="SecureMessageAtt.html")
    m.attach(att)
else:
    sys.exit("unknown command " + cmd)

# Python writes MIME-Version into every part it builds; clients write it once, in the message header.
inner = {id(p) for p in original.walk()}
for part in m.walk():
    if part is not m and id(part) not in inner:
        del part["MIME-Version"]
del m["MIME-Version"]
m["MIME-Version"] = "1.0"
buffer = BytesIO()
BytesGenerator(buffer, mangle_from_=False, policy=policy.compat32.clone(linesep="\r\n")).flatten(m)
sys.stdout.buffer.write(buffer.getvalue())
