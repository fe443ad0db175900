package org.javaasync.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns multipart ZeroMQ frames into {@link WireMessage}s and back, signing with the connection's key.
 *
 * <p>Unlike the basekernel's {@code JupyterSocket.readMessage}, decoding never throws anything but
 * {@link MalformedMessageException}, works on frames already received in full (so a short message cannot eat the
 * next one), and compares signatures in constant time ({@link MessageDigest#isEqual}). A signed message is accepted
 * once: its signature is remembered (the last {@value #REPLAY_MEMORY} of them, as ipykernel's
 * {@code digest_history}), and the same frames sent again are rejected as a replay. Thread-safe.
 */
public final class MessageCodec {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final String[] HEADER_FIELDS = {"msg_id", "msg_type", "session", "username", "version"};

    private final ObjectMapper json;
    private final byte[] key;
    private final String macAlgorithm;
    private final ThreadLocal<Mac> macs;

    /** How many signatures are remembered against replays. */
    static final int REPLAY_MEMORY = 1 << 16;

    private final Set<String> seenSignatures = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REPLAY_MEMORY;
        }
    });

    /**
     * @param signatureScheme the connection file's {@code signature_scheme}, e.g. {@code hmac-sha256}
     * @param key the connection file's key; empty disables signing, as the protocol allows
     */
    public MessageCodec(ObjectMapper json, String signatureScheme, String key) throws NoSuchAlgorithmException {
        this.json = json;
        this.key = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        String scheme = signatureScheme == null || signatureScheme.isEmpty() ? "hmac-sha256" : signatureScheme;
        // "hmac-sha256" -> "HmacSHA256", the JCA name; fail now rather than on the first message.
        this.macAlgorithm =
                "Hmac" + scheme.replaceFirst("(?i)^hmac-", "").replace("-", "").toUpperCase();
        Mac.getInstance(macAlgorithm);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot sign with " + macAlgorithm, e);
        }
    }

    /** The JSON mapper shared by the protocol layer. */
    public ObjectMapper json() {
        return json;
    }

    /** Decodes one complete multipart message. */
    public WireMessage decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("too few frames after the delimiter: " + (frames.size() - delimiter - 1)
                    + " (need a signature and four JSON parts)");
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> parts = frames.subList(delimiter + 2, delimiter + 6);
        if (key.length > 0) {
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature)) {
                throw new MalformedMessageException("bad signature");
            }
            synchronized (seenSignatures) {
                if (!seenSignatures.add(new String(signature, StandardCharsets.US_ASCII))) {
                    throw new MalformedMessageException("replayed message: this signature was accepted before");
                }
            }
        }
        ObjectNode header = object(parts.get(0), "header");
        for (String field : HEADER_FIELDS) {
            JsonNode value = header.get(field);
            if (value == null || !value.isTextual()) {
                throw new MalformedMessageException("header field '" + field + "' missing or not a string");
            }
        }
        return new WireMessage(
                List.copyOf(frames.subList(0, delimiter)),
                header,
                object(parts.get(1), "parent_header"),
                object(parts.get(2), "metadata"),
                object(parts.get(3), "content"),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private ObjectNode object(byte[] frame, String what) throws MalformedMessageException {
        try {
            JsonNode node = json.readTree(frame);
            if (node instanceof ObjectNode object) {
                return object;
            }
            throw new MalformedMessageException(what + " is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException(what + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedMessageException(what + " unreadable: " + e.getMessage());
        }
    }

    /** Encodes a message into frames ready to send: identities, delimiter, signature, parts, buffers. */
    public List<byte[]> encode(WireMessage message) {
        List<byte[]> parts = List.of(
                bytes(message.header()), bytes(message.parentHeader()),
                bytes(message.metadata()), bytes(message.content()));
        List<byte[]> frames = new ArrayList<>(
                message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add((key.length > 0 ? sign(parts) : "").getBytes(StandardCharsets.US_ASCII));
        frames.addAll(parts);
        frames.addAll(message.buffers());
        return frames;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    private String sign(List<byte[]> parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal()); // lower-case hex, as Jupyter writes signatures
    }
}
