#!/usr/bin/python3
"""Test peer: runs both sides of Noise_NNpsk0_25519_ChaChaPoly_SHA256 with dissononce.

An independent implementation that noise-dissononce-interop.test.ts compares ours against byte for
byte. Run it with Debian's /usr/bin/python3 (python3-dissononce). Reads one JSON object on stdin,
all byte strings as hex:

  psk, prologue                            the handshake inputs
  initiatorEphemeral, responderEphemeral   fixed X25519 private keys, so the output is deterministic
  payload1, payload2                       handshake payloads (optional, default empty)
  initiatorSends, responderSends           transport plaintexts each side encrypts, in order
  initiatorReceives, responderReceives     foreign transport ciphertexts each side decrypts, in order

and prints one JSON object: protocolName, message1, message2, handshakeHash, initiatorCiphertexts,
responderCiphertexts, initiatorDecrypted, responderDecrypted. A failed decryption prints
{"error": "..."} and exits with status 2.

Alternatively {"cipherVectors": [{key, nonce (decimal string), ad, plaintext}, ...]} prints
{"ciphertexts": [...]}: ENCRYPT(k, n, ad, plaintext) alone, to check nonces no handshake reaches.
"""
import json
import sys

from dissononce.cipher.chachapoly import ChaChaPolyCipher
from dissononce.dh.x25519.private import PrivateKey
from dissononce.dh.x25519.x25519 import X25519DH
from dissononce.exceptions.decrypt import DecryptFailedException
from dissononce.extras.dh.dangerous.dh_nogen import NoGenDH
from dissononce.hash.sha256 import SHA256Hash
from dissononce.processing.handshakepatterns.interactive.NN import NNHandshakePattern
from dissononce.processing.impl.cipherstate import CipherState
from dissononce.processing.impl.handshakestate import HandshakeState
from dissononce.processing.impl.symmetricstate import SymmetricState
from dissononce.processing.modifiers.psk import PSKPatternModifier


def handshake_state(ephemeral_hex):
    # dissononce always generates `e` itself; NoGenDH pins that generation to the given key.
    dh = NoGenDH(X25519DH(), PrivateKey(bytes.fromhex(ephemeral_hex)))
    return HandshakeState(SymmetricState(CipherState(ChaChaPolyCipher()), SHA256Hash()), dh)


def encrypt_vectors(vectors):
    cipher = ChaChaPolyCipher()
    return {
        "ciphertexts": [
            cipher.encrypt(bytes.fromhex(v["key"]), int(v["nonce"]), bytes.fromhex(v["ad"]), bytes.fromhex(v["plaintext"])).hex()
            for v in vectors
        ]
    }


def main():
    request = json.load(sys.stdin)
    if "cipherVectors" in request:
        json.dump(encrypt_vectors(request["cipherVectors"]), sys.stdout)
        return
    psk = bytes.fromhex(request["psk"])
    prologue = bytes.fromhex(request["prologue"])
    pattern = PSKPatternModifier(0).modify(NNHandshakePattern())

    initiator = handshake_state(request["initiatorEphemeral"])
    responder = handshake_state(request["responderEphemeral"])
    initiator.initialize(pattern, True, prologue, psks=[psk])
    responder.initialize(pattern, False, prologue, psks=[psk])

    # -> psk, e
    message1 = bytearray()
    initiator.write_message(bytes.fromhex(request.get("payload1", "")), message1)
    responder.read_message(bytes(message1), bytearray())
    # <- e, ee
    message2 = bytearray()
    responder_states = responder.write_message(bytes.fromhex(request.get("payload2", "")), message2)
    initiator_states = initiator.read_message(bytes(message2), bytearray())

    handshake_hash = initiator.symmetricstate.get_handshake_hash()
    if handshake_hash != responder.symmetricstate.get_handshake_hash():
        raise AssertionError("the two sides disagree on the handshake hash")

    # Split(): the first CipherState carries initiator -> responder, the second the reverse.
    i_send, i_receive = initiator_states
    r_receive, r_send = responder_states
    def encrypt_all(state, plaintexts):
        return [state.encrypt_with_ad(b"", bytes.fromhex(p)).hex() for p in plaintexts]

    def decrypt_all(state, ciphertexts):
        return [state.decrypt_with_ad(b"", bytes.fromhex(c)).hex() for c in ciphertexts]

    try:
        result = {
            "protocolName": initiator.protocol_name,
            "message1": bytes(message1).hex(),
            "message2": bytes(message2).hex(),
            "handshakeHash": handshake_hash.hex(),
            "initiatorCiphertexts": encrypt_all(i_send, request.get("initiatorSends", [])),
            "responderCiphertexts": encrypt_all(r_send, request.get("responderSends", [])),
            "initiatorDecrypted": decrypt_all(i_receive, request.get("initiatorReceives", [])),
            "responderDecrypted": decrypt_all(r_receive, request.get("responderReceives", [])),
        }
    except DecryptFailedException as error:
        json.dump({"error": "decrypt failed: %s" % error}, sys.stdout)
        sys.exit(2)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
