"""A small Flask app that signs users in with Authlib (Debian: apt-get install -y python3-authlib
python3-flask python3-requests). Our code is only the glue; the OpenID Connect logic is Authlib's:
OAuth.register with server_metadata_url (discovery), authorize_redirect (state, nonce, PKCE S256),
authorize_access_token (state check, token request, ID token validation) and userinfo.

Environment: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI
(default http://127.0.0.1:$PORT/callback), OIDC_SCOPE (default "openid profile email"), PORT.

  GET /login     starts a sign-in         GET /callback  finishes it (400 + reason on refusal)
  GET /          "Signed in as <name>" (data-testid="user"), or a sign-in link
  GET /health    200 "ok"

Each refused sign-in is logged to stderr as "sign-in refused: <reason>".
Run: /usr/bin/python3 examples/real-clients/authlib-flask/app.py
"""
import html
import logging
import os
import secrets
import sys

from authlib.integrations.flask_client import OAuth
from flask import Flask, redirect, session

for name in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
    if not os.environ.get(name):
        sys.exit(f"authlib-flask: set {name}")
PORT = int(os.environ.get("PORT") or 5000)
ISSUER = os.environ["OIDC_ISSUER"].rstrip("/")
REDIRECT_URI = os.environ.get("OIDC_REDIRECT_URI") or f"http://127.0.0.1:{PORT}/callback"

app = Flask(__name__)
# Flask keeps Authlib's state, nonce and PKCE verifier in its signed session cookie.
app.secret_key = secrets.token_bytes(32)
oauth = OAuth(app)
oauth.register(
    "idp",
    client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"],
    server_metadata_url=f"{ISSUER}/.well-known/openid-configuration",
    client_kwargs={
        "scope": os.environ.get("OIDC_SCOPE") or "openid profile email",
        "code_challenge_method": "S256",
        "token_endpoint_auth_method": "client_secret_basic",
    },
)


def page(status, title, body):
    return f"<!doctype html><title>{title}</title><h1>{title}</h1>{body}", status, {"Cache-Control": "no-store"}


@app.get("/health")
def health():
    return page(200, "ok", "<p>ok</p>")


@app.get("/login")
def login():
    return oauth.idp.authorize_redirect(REDIRECT_URI)


@app.get("/callback")
def callback():
    try:
        # Checks state, redeems the code, and validates the ID token (signature with the
        # issuer's JWK Set, iss, aud, exp, iat, nonce) into token["userinfo"].
        token = oauth.idp.authorize_access_token()
        claims = dict(token.get("userinfo") or {})
        if not claims:
            raise ValueError("no ID token in the token response")
        # As a typical integration does, with no check of our own: whether UserInfo is about the
        # ID token's subject (OIDC Core 5.3.4) is left to Authlib.
        userinfo = dict(oauth.idp.userinfo(token=token))
    except Exception as error:  # every failure is a refused sign-in, never a 500
        reason = f"{type(error).__name__}: {error}"
        print(f"sign-in refused: {reason}", file=sys.stderr, flush=True)
        return page(400, "Sign-in failed", f'<p data-testid="sign-in-error">Sign-in failed: {html.escape(reason)}</p>')
    session["user"] = {**claims, **userinfo}
    return redirect("/")


@app.get("/")
def home():
    user = session.get("user")
    if not user:
        return page(200, "Authlib app", '<p>Not signed in. <a href="/login">Sign in</a></p>')
    name = html.escape(str(user.get("name") or user.get("sub")))
    return page(200, "Authlib app", f'<p data-testid="user">Signed in as {name}</p>')


if __name__ == "__main__":
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app.run(host="127.0.0.1", port=PORT)
