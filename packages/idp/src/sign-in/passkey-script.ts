/**
 * The sign-in page's one script, served from Ward's origin (see `passkeyPage`). Plain ES2017 so
 * every browser with WebAuthn runs it; it builds no markup and uses no eval, and it sends the
 * credential in WebAuthn's JSON form (WebAuthn §5.1.8 `toJSON()`), encoded by hand because
 * `toJSON()` and `parseRequestOptionsFromJSON()` are not in every browser yet.
 */
export const passkeyScript = `'use strict';
(function () {
  var form = document.getElementById('passkey-form');
  var button = document.getElementById('passkey-start');
  var status = document.getElementById('passkey-status');
  if (!form || !button || !status) return;
  function fromB64(text) {
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function toB64(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  if (!window.PublicKeyCredential || !navigator.credentials) {
    button.disabled = true;
    status.textContent = 'This browser cannot use passkeys. Choose another way below.';
    return;
  }
  button.addEventListener('click', function () {
    var o = JSON.parse(form.getAttribute('data-options'));
    var publicKey = {
      challenge: fromB64(o.challenge),
      rpId: o.rpId,
      timeout: o.timeout,
      userVerification: o.userVerification,
      allowCredentials: o.allowCredentials.map(function (c) { return { type: c.type, id: fromB64(c.id), transports: c.transports }; })
    };
    button.disabled = true;
    status.textContent = 'Waiting for your passkey…';
    navigator.credentials.get({ publicKey: publicKey }).then(function (credential) {
      var r = credential.response;
      var json = {
        id: credential.id,
        rawId: toB64(credential.rawId),
        type: credential.type,
        clientExtensionResults: credential.getClientExtensionResults(),
        response: {
          clientDataJSON: toB64(r.clientDataJSON),
          authenticatorData: toB64(r.authenticatorData),
          signature: toB64(r.signature),
          userHandle: r.userHandle ? toB64(r.userHandle) : undefined
        }
      };
      form.elements.namedItem('credential').value = JSON.stringify(json);
      form.submit();
    }, function (error) {
      button.disabled = false;
      status.textContent = 'The passkey was not used (' + error.name + '). Try again, or choose another way below.';
    });
  });
})();
`;
