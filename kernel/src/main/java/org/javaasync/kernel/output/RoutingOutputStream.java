package org.javaasync.kernel.output;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.javaasync.kernel.trace.PrintedTraces;

/**
 * The byte stream behind the kernel's {@code System.out} or {@code System.err}: decodes UTF-8 (keeping a
 * character split across two writes whole) and hands the text to the {@link OutputRouter}. Writes to a cell past
 * its output limit are skipped before decoding, so a cell printing 100 MB costs little. Stack traces that cell code
 * prints are shown as the kernel shows its own ({@link PrintedTraces}).
 */
public final class RoutingOutputStream extends OutputStream {

    private final String name;
    private final OutputRouter router;
    private final PrintedTraces traces;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private ByteBuffer carry = ByteBuffer.allocate(8);

    public RoutingOutputStream(String name, OutputRouter router, PrintedTraces traces) {
        this.name = name;
        this.router = router;
        this.traces = traces;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        CellOutput cell = router.current();
        if (cell != null && cell.isTruncated()) {
            return;
        }
        ByteBuffer in;
        if (carry.position() > 0) {
            // Bytes of a character cut by the previous write go first.
            ByteBuffer joined = ByteBuffer.allocate(carry.position() + length);
            carry.flip();
            joined.put(carry).put(bytes, offset, length).flip();
            carry.clear();
            in = joined;
        } else {
            in = ByteBuffer.wrap(bytes, offset, length);
        }
        StringBuilder text = new StringBuilder(Math.min(length, 1 << 16));
        while (true) {
            var result = decoder.decode(in, chars, false);
            chars.flip();
            text.append(chars);
            chars.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        if (in.hasRemaining()) {
            if (carry.capacity() < in.remaining()) {
                carry = ByteBuffer.allocate(in.remaining());
            }
            carry.put(in);
        }
        String shown = text.isEmpty() ? "" : traces.rewrite(text.toString());
        if (!shown.isEmpty()) {
            router.stream(name, shown);
        }
    }
}
