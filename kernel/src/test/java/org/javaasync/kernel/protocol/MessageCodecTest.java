package org.javaasync.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final ObjectMapper json = new ObjectMapper();
    private final MessageFactory messages = new MessageFactory(json);

    private MessageCodec codec(String key) throws Exception {
        return new MessageCodec(json, "hmac-sha256", key);
    }

    private WireMessage request() {
        ObjectNode content = messages.object();
        content.put("code", "1 + 1");
        WireMessage message = messages.publication(messages.object(), "execute_request", content);
        return new WireMessage(
                List.of("client-id".getBytes(StandardCharsets.UTF_8)),
                message.header(),
                message.parentHeader(),
                message.metadata(),
                message.content(),
                List.of());
    }

    @Test
    void aSignedMessageDecodesToWhatWasEncoded() throws Exception {
        MessageCodec codec = codec("secret");
        List<byte[]> frames = codec.encode(request());
        WireMessage decoded = codec.decode(frames);
        assertEquals("execute_request", decoded.msgType());
        assertEquals("1 + 1", decoded.content().get("code").asText());
        assertArrayEquals(
                "client-id".getBytes(StandardCharsets.UTF_8),
                decoded.identities().get(0));
    }

    @Test
    void theSameSignedFramesSentTwiceAreRejectedTheSecondTime() throws Exception {
        MessageCodec codec = codec("secret");
        List<byte[]> frames = codec.encode(request());
        codec.decode(frames);
        MalformedMessageException replay = assertThrows(MalformedMessageException.class, () -> codec.decode(frames));
        assertTrue(replay.getMessage().contains("replayed"), replay.getMessage());
        codec.decode(codec.encode(request())); // a new message (new msg_id, so a new signature) is accepted
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRejected() throws Exception {
        List<byte[]> frames = codec("other").encode(request());
        var e = assertThrows(
                MalformedMessageException.class, () -> codec("secret").decode(frames));
        assertTrue(e.getMessage().contains("signature"));
    }

    @Test
    void aTamperedContentIsRejected() throws Exception {
        MessageCodec codec = codec("secret");
        List<byte[]> frames = new ArrayList<>(codec.encode(request()));
        frames.set(frames.size() - 1, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThrows(MalformedMessageException.class, () -> codec.decode(frames));
    }

    @Test
    void withoutAKeyMessagesAreNeitherSignedNorChecked() throws Exception {
        MessageCodec codec = codec("");
        List<byte[]> frames = codec.encode(request());
        assertEquals(0, frames.get(2).length);
        assertEquals("execute_request", codec.decode(frames).msgType());
    }

    @Test
    void tooFewFramesNoDelimiterAndNonJsonAreMalformed() throws Exception {
        MessageCodec codec = codec("");
        byte[] delimiter = MessageCodec.DELIMITER;
        byte[] empty = new byte[0];
        byte[] obj = "{}".getBytes(StandardCharsets.UTF_8);
        assertThrows(MalformedMessageException.class, () -> codec.decode(List.of("x".getBytes())));
        assertThrows(MalformedMessageException.class, () -> codec.decode(List.of(delimiter, empty, obj)));
        assertThrows(
                MalformedMessageException.class,
                () -> codec.decode(List.of(delimiter, empty, "nope".getBytes(), obj, obj, obj)));
        assertThrows(
                MalformedMessageException.class,
                () -> codec.decode(List.of(delimiter, empty, "[]".getBytes(), obj, obj, obj)));
    }

    @Test
    void aHeaderMissingAFieldIsMalformed() throws Exception {
        MessageCodec codec = codec("");
        WireMessage message = request();
        message.header().remove("session");
        var e = assertThrows(MalformedMessageException.class, () -> codec.decode(codec.encode(message)));
        assertTrue(e.getMessage().contains("session"));
    }

    @Test
    void repliesAreAddressedToTheSenderWithTheRequestAsParent() {
        WireMessage request = request();
        WireMessage reply = messages.reply(request, messages.object());
        assertEquals("execute_reply", reply.msgType());
        assertEquals(request.msgId(), reply.parentHeader().get("msg_id").asText());
        assertArrayEquals(request.identities().get(0), reply.identities().get(0));
    }
}
