package org.javaasync.kernel.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import org.javaasync.kernel.frontend.Frontend;

/**
 * The kernel's {@code System.in}: when user code reads and nothing is buffered, asks the frontend of the current
 * cell for a line ({@code input_request} on the stdin channel) and serves it followed by a newline. When the
 * frontend did not allow stdin ({@code allow_stdin} false, as in {@code nbconvert --execute}) the read fails with
 * an {@link IOException} that says so instead of hanging.
 */
public final class StdinBridge extends InputStream {

    private final OutputRouter router;
    private final Frontend frontend;
    private byte[] buffer = new byte[0];
    private int position;

    public StdinBridge(OutputRouter router, Frontend frontend) {
        this.router = router;
        this.frontend = frontend;
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= buffer.length) {
            fill();
        }
        int n = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - position;
    }

    private void fill() throws IOException {
        CellOutput cell = router.current();
        if (cell == null || !cell.allowStdin()) {
            throw new IOException("System.in is not available: this frontend does not accept input requests"
                    + " (allow_stdin is false, e.g. in nbconvert --execute). Pass the data in code instead.");
        }
        cell.flush(); // show a prompt printed with System.out.print before asking
        try {
            String line = frontend.requestInput(cell.parent(), "", false);
            buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        }
    }
}
