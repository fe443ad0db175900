package org.javaasync.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.javaasync.kernel.display.Output;
import org.javaasync.kernel.evaluator.CellThreads;
import org.javaasync.kernel.protocol.Channel;
import org.javaasync.kernel.protocol.MessageFactory;
import org.javaasync.kernel.protocol.WireMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole request path of a real kernel (protocol framing, services, JShell, the event loop, the cells' output)
 * driven with messages and no sockets, as ipykernel's {@code test_kernel_direct.py} drives its kernel: each test
 * sends requests to the dispatcher and reads what the kernel sent back, in order. One kernel serves the class, so
 * tests compare execution counts relative to the last one.
 */
class KernelRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 120; // a guard against a hang, never a measured time

    /** What the kernel sent, in the order it sent it. */
    private record Out(Channel channel, WireMessage message) {
        String type() {
            return message.msgType();
        }

        String parentId() {
            JsonNode id = message.parentHeader().get("msg_id");
            return id == null ? null : id.asText();
        }
    }

    private static final LinkedBlockingQueue<Out> outbox = new LinkedBlockingQueue<>();
    private static final String session = UUID.randomUUID().toString();
    private static PrintStream stdout;
    private static PrintStream stderr;
    private static InputStream stdin;
    private static Kernel kernel;

    @BeforeAll
    static void start() {
        stdout = System.out;
        stderr = System.err;
        stdin = System.in;
        kernel = Kernel.assemble(
                (channel, message) -> outbox.add(new Out(channel, message)),
                new MessageFactory(JSON),
                stderr,
                true,
                () -> {});
        kernel.start();
    }

    @AfterAll
    static void stop() {
        kernel.stopTasks(Duration.ofSeconds(2));
        kernel.closeEvaluator(Duration.ofSeconds(2));
        System.setOut(stdout);
        System.setErr(stderr);
        System.setIn(stdin);
        Output.setLookup(() -> null);
        CellThreads.install(null);
    }

    private static WireMessage request(String type, ObjectNode content) {
        ObjectNode header = JSON.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("msg_type", type);
        header.put("session", session);
        header.put("username", "test");
        header.put("date", Instant.now().toString());
        header.put("version", MessageFactory.PROTOCOL_VERSION);
        return new WireMessage(
                List.of("client".getBytes()),
                header,
                JSON.createObjectNode(),
                JSON.createObjectNode(),
                content,
                List.of());
    }

    private static WireMessage execute(String code) {
        return request("execute_request", JSON.createObjectNode().put("code", code));
    }

    private static WireMessage send(Channel channel, WireMessage request) {
        kernel.dispatcher().onMessage(channel, request);
        return request;
    }

    /** Everything the kernel sent for {@code request} up to and including its reply and its idle status. */
    private static List<Out> answer(WireMessage request) throws InterruptedException {
        List<Out> messages = new ArrayList<>();
        boolean replied = false;
        boolean idle = false;
        List<Out> others = new ArrayList<>();
        while (!(replied && idle)) {
            Out out = outbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(out, "no answer to " + request.msgType() + " after " + messages.size() + " messages");
            if (!request.msgId().equals(out.parentId())) {
                others.add(out);
                continue;
            }
            messages.add(out);
            replied |= out.type().endsWith("_reply") && out.channel() != Channel.IOPUB;
            idle |= out.type().equals("status")
                    && out.message().content().get("execution_state").asText().equals("idle");
        }
        others.forEach(outbox::add); // they belong to another request's answer
        return messages;
    }

    private static List<Out> run(String code) throws InterruptedException {
        return answer(send(Channel.SHELL, execute(code)));
    }

    private static JsonNode reply(List<Out> answer) {
        return answer.stream()
                .filter(o -> o.channel() != Channel.IOPUB)
                .findFirst()
                .orElseThrow()
                .message()
                .content();
    }

    private static List<String> iopubTypes(List<Out> answer) {
        return answer.stream()
                .filter(o -> o.channel() == Channel.IOPUB)
                .map(o -> o.type().equals("status")
                        ? "status:"
                                + o.message().content().get("execution_state").asText()
                        : o.type())
                .toList();
    }

    private static String streamText(List<Out> answer) {
        StringBuilder text = new StringBuilder();
        answer.stream()
                .filter(o -> o.type().equals("stream"))
                .forEach(o -> text.append(o.message().content().get("text").asText()));
        return text.toString();
    }

    private static int lastCount() throws InterruptedException {
        return reply(run("")).get("execution_count").asInt();
    }

    @Test
    void anExecuteRequestIsFramedByBusyInputOutputResultIdleAndReply() throws Exception {
        int before = lastCount();
        List<Out> answer = run("System.out.println(\"hi\");\n6 * 7");
        assertEquals(
                List.of("status:busy", "execute_input", "stream", "execute_result", "status:idle"), iopubTypes(answer));
        assertEquals("hi\n", streamText(answer));
        JsonNode reply = reply(answer);
        assertEquals("ok", reply.get("status").asText());
        assertEquals(before + 1, reply.get("execution_count").asInt());
        JsonNode result = answer.stream()
                .filter(o -> o.type().equals("execute_result"))
                .findFirst()
                .orElseThrow()
                .message()
                .content();
        assertEquals("42", result.get("data").get("text/plain").asText());
        assertEquals(before + 1, result.get("execution_count").asInt());
    }

    @Test
    void theEvaluatorsNoticesGoToTheCellsStderrBeforeItsResult() throws Exception {
        run("class Marker {}\nMarker marker = new Marker();");
        List<Out> answer = run("class Marker { int changed; }\n1");
        assertEquals(
                List.of("stream", "execute_result"),
                iopubTypes(answer).stream()
                        .filter(type -> type.equals("stream") || type.equals("execute_result"))
                        .toList());
        JsonNode stream = answer.stream()
                .filter(o -> o.type().equals("stream"))
                .findFirst()
                .orElseThrow()
                .message()
                .content();
        assertEquals("stderr", stream.get("name").asText());
        assertEquals(
                "Warning: update replaced variable marker, reset to null (its value was made from a class that was"
                        + " redefined).\n",
                stream.get("text").asText());
    }

    @Test
    void aFailedCellAbortsTheCellsQueuedBehindItUnlessTheyAskOtherwise() throws Exception {
        WireMessage failing =
                send(Channel.SHELL, execute("Thread.sleep(300); throw new IllegalStateException(\"x\");"));
        WireMessage aborted = send(Channel.SHELL, execute("System.out.println(\"never\");"));
        ObjectNode keepGoing = JSON.createObjectNode().put("code", "1 + 1").put("stop_on_error", false);
        List<Out> failed = answer(failing);
        assertEquals("error", reply(failed).get("status").asText());
        assertEquals(
                "java.lang.IllegalStateException", reply(failed).get("ename").asText());
        assertTrue(iopubTypes(failed).contains("error"));
        List<Out> abortedAnswer = answer(aborted);
        assertEquals("aborted", reply(abortedAnswer).get("status").asText());
        assertEquals("", streamText(abortedAnswer));
        WireMessage afterwards = send(Channel.SHELL, request("execute_request", keepGoing));
        assertEquals("ok", reply(answer(afterwards)).get("status").asText());
    }

    @Test
    void silentAndUnstoredCellsNeitherShowAResultNorAdvanceTheCount() throws Exception {
        int before = lastCount();
        ObjectNode silent = JSON.createObjectNode().put("code", "40 + 2").put("silent", true);
        List<Out> quiet = answer(send(Channel.SHELL, request("execute_request", silent)));
        assertEquals(List.of("status:busy", "status:idle"), iopubTypes(quiet));
        assertEquals(before, reply(quiet).get("execution_count").asInt());
        ObjectNode unstored = JSON.createObjectNode().put("code", "1").put("store_history", false);
        List<Out> unstoredAnswer = answer(send(Channel.SHELL, request("execute_request", unstored)));
        assertEquals(before, reply(unstoredAnswer).get("execution_count").asInt());
        assertEquals(before + 1, reply(run("2")).get("execution_count").asInt());
    }

    @Test
    void tracesNameTheCellNumberTheUserSeesWhateverRanInBetween() throws Exception {
        int defining = reply(run("void boom() {\n    throw new RuntimeException(\"boom\");\n}"))
                .get("execution_count")
                .asInt();
        run("%lsmagic");
        answer(send(
                Channel.SHELL,
                request(
                        "execute_request",
                        JSON.createObjectNode().put("code", "1").put("silent", true))));
        // Without stop_on_error: the next test's first request must not race the abort of this one's queue.
        JsonNode failed = reply(answer(send(
                Channel.SHELL,
                request(
                        "execute_request",
                        JSON.createObjectNode()
                                .put("code", "int x = 1;\nboom();")
                                .put("stop_on_error", false)))));
        String traceback = failed.get("traceback").toString();
        assertTrue(traceback.contains("boom(cell " + defining + ", line 2)"), traceback);
        assertEquals(defining + 2, failed.get("execution_count").asInt());
    }

    @Test
    void anInterruptStopsACellWhoseOwnTaskHoldsTheLoopWhileItCompiles() throws Exception {
        run("int compiled = 0;");
        // Thousands of statements: the cell's task compiles them all before running any, holding the loop.
        WireMessage cell = send(Channel.SHELL, execute("compiled++;\n".repeat(20_000)));
        Thread.sleep(1_000);
        WireMessage interrupt = send(Channel.CONTROL, request("interrupt_request", JSON.createObjectNode()));
        List<Out> answer = answer(cell);
        JsonNode reply = reply(answer);
        assertEquals("Interrupted", reply.get("ename").asText(), reply.toString());
        assertFalse(
                streamText(answer).contains("held the event loop"),
                "the cell's own task is interrupted, not cancelled as another's: " + streamText(answer));
        assertEquals("ok", reply(answer(interrupt)).get("status").asText());
        String value = run("compiled").stream()
                .filter(o -> o.type().equals("execute_result"))
                .findFirst()
                .orElseThrow()
                .message()
                .content()
                .get("data")
                .get("text/plain")
                .asText();
        assertEquals("0", value, "nothing of the interrupted cell ran");
    }

    @Test
    void anInterruptThatArrivesJustAfterTheRequestStopsThatCell() throws Exception {
        WireMessage cell = send(Channel.SHELL, execute("System.out.println(\"ran\");\nThread.sleep(60_000);"));
        WireMessage interrupt = send(Channel.CONTROL, request("interrupt_request", JSON.createObjectNode()));
        List<Out> answer = answer(cell);
        JsonNode reply = reply(answer);
        assertEquals("error", reply.get("status").asText(), reply.toString());
        assertEquals("Interrupted", reply.get("ename").asText(), reply.toString());
        assertEquals("ok", reply(answer(interrupt)).get("status").asText());
        assertEquals("ok", reply(run("1 + 1")).get("status").asText(), "the next cell runs as usual");
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCell() throws Exception {
        ObjectNode content = JSON.createObjectNode().put("code", "int base = 20;");
        content.putObject("user_expressions").put("doubled", "base * 2").put("broken", "nosuchname");
        JsonNode reply = reply(answer(send(Channel.SHELL, request("execute_request", content))));
        JsonNode expressions = reply.get("user_expressions");
        assertEquals("ok", expressions.get("doubled").get("status").asText());
        assertEquals(
                "40", expressions.get("doubled").get("data").get("text/plain").asText());
        assertEquals("error", expressions.get("broken").get("status").asText());
    }

    @Test
    void aMalformedRequestGetsAnErrorReplyAndTheKernelServesOn() throws Exception {
        WireMessage noCode = send(Channel.SHELL, request("execute_request", JSON.createObjectNode()));
        JsonNode reply = reply(answer(noCode));
        assertEquals("error", reply.get("status").asText());
        assertTrue(reply.get("evalue").asText().contains("'code' is required"), reply.toString());
        assertEquals("ok", reply(run("1")).get("status").asText());
    }

    @Test
    void exitAsksTheFrontendToLeaveAndAQuestionMarkPagesTheDocumentation() throws Exception {
        JsonNode exit = reply(run("exit"));
        assertEquals("ok", exit.get("status").asText(), exit.toString());
        assertEquals("ask_exit", exit.get("payload").get(0).get("source").asText());
        JsonNode help = reply(run("Math.max?"));
        JsonNode page = help.get("payload").get(0);
        assertEquals("page", page.get("source").asText());
        assertTrue(page.get("data").get("text/plain").asText().contains("max("), page.toString());
    }

    private static JsonNode complete(String code) throws InterruptedException {
        ObjectNode content = JSON.createObjectNode().put("code", code).put("cursor_pos", code.length());
        return reply(answer(send(Channel.SHELL, request("complete_request", content))));
    }

    private static List<String> texts(JsonNode matches) {
        List<String> texts = new ArrayList<>();
        matches.forEach(m -> texts.add(m.asText()));
        return texts;
    }

    @Test
    void aPercentAtTheTopOfACellCompletesTheMagics() throws Exception {
        JsonNode first = complete("%ti");
        assertEquals(List.of("%time", "%%time", "%%timeline"), texts(first.get("matches")));
        assertEquals(0, first.get("cursor_start").asInt());
        assertEquals(3, first.get("cursor_end").asInt());
        JsonNode typed =
                first.get("metadata").get("_jupyter_types_experimental").get(0);
        assertEquals("magic", typed.get("type").asText());
        assertTrue(typed.get("signature").asText().startsWith("times"), typed.toString());

        assertEquals(List.of("%%time", "%%timeline"), texts(complete("%%t").get("matches")));
        JsonNode second = complete("%lsmagic\n// then\n%ta");
        assertEquals(List.of("%tasks"), texts(second.get("matches")), "no cell magic after the first line");
        assertEquals("%lsmagic\n// then\n".length(), second.get("cursor_start").asInt());
        assertTrue(texts(complete("%").get("matches")).containsAll(List.of("%cancel", "%lsmagic", "%%timeline")));
    }

    @Test
    void aPercentAfterJavaIsTheRemainderOperatorNotAMagic() throws Exception {
        List<String> matches = texts(complete("int total = 7;\n%ti").get("matches"));
        assertFalse(matches.stream().anyMatch(m -> m.startsWith("%")), matches.toString());
    }

    @Test
    void aMagicIsDocumentedByShiftTabAndByAQuestionMark() throws Exception {
        ObjectNode inspect =
                JSON.createObjectNode().put("code", "%tasks\nint x = 1;").put("cursor_pos", 3);
        JsonNode doc = reply(answer(send(Channel.SHELL, request("inspect_request", inspect))));
        assertTrue(doc.get("found").asBoolean(), doc.toString());
        assertTrue(doc.get("data").get("text/plain").asText().contains("lists live tasks"), doc.toString());

        JsonNode page = reply(run("%%timeline?")).get("payload").get(0);
        String text = page.get("data").get("text/plain").asText();
        assertTrue(text.startsWith("%%timeline (cell magic)"), text);
        JsonNode unknown = reply(run("%nosuchmagic?")).get("payload").get(0);
        assertEquals(
                "No documentation found for %nosuchmagic",
                unknown.get("data").get("text/plain").asText());
    }

    @Test
    void completionAndCompletenessSeeOnlyTheJavaOfACellWithMagics() throws Exception {
        String code = "%time\n\"greeting\".toUpp";
        ObjectNode complete = JSON.createObjectNode().put("code", code).put("cursor_pos", code.length());
        JsonNode matches = reply(answer(send(Channel.SHELL, request("complete_request", complete))))
                .get("matches");
        assertTrue(matches.toString().contains("toUpperCase"), matches.toString());
        for (String done : List.of("%lsmagic", "exit", "?Math.max", "int x = 1;")) {
            ObjectNode isComplete = JSON.createObjectNode().put("code", done);
            assertEquals(
                    "complete",
                    reply(answer(send(Channel.SHELL, request("is_complete_request", isComplete))))
                            .get("status")
                            .asText(),
                    done);
        }
        ObjectNode open = JSON.createObjectNode().put("code", "%time\nint f() {");
        assertEquals(
                "incomplete",
                reply(answer(send(Channel.SHELL, request("is_complete_request", open))))
                        .get("status")
                        .asText());
    }

    @Test
    void outputOfATaskThatOutlivesItsCellUpdatesADisplayLeftInThatCell() throws Exception {
        WireMessage cell = send(
                Channel.SHELL,
                execute("createTask(async(() -> { await(sleep(2)); System.out.println(\"late\"); }), \"later\");"));
        List<Out> answer = answer(cell);
        Out opened = answer.stream()
                .filter(o -> o.type().equals("display_data"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(iopubTypes(answer)));
        String displayId =
                opened.message().content().get("transient").get("display_id").asText();
        assertTrue(opened.message()
                .content()
                .get("data")
                .get("text/plain")
                .asText()
                .contains("still running: later"));
        String shown = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!shown.contains("✔ 1 background task finished") && System.nanoTime() < deadline) {
            Out out = outbox.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(out);
            if (out.type().equals("update_display_data")
                    && out.message()
                            .content()
                            .get("transient")
                            .get("display_id")
                            .asText()
                            .equals(displayId)) {
                assertEquals(cell.msgId(), out.parentId(), "no other cell runs: the cell's own request");
                shown = out.message().content().get("data").get("text/plain").asText();
            }
        }
        assertTrue(shown.startsWith("late\n"), shown);
        assertFalse(answer.stream().anyMatch(o -> streamText(List.of(o)).contains("late")));
    }

    @Test
    void kernelInfoAndHistoryAnswerFromTheServices() throws Exception {
        JsonNode info = reply(answer(send(Channel.SHELL, request("kernel_info_request", JSON.createObjectNode()))));
        assertEquals("java", info.get("language_info").get("name").asText());
        run("String remembered = \"h\";");
        ObjectNode tail =
                JSON.createObjectNode().put("hist_access_type", "tail").put("n", 50);
        JsonNode history = reply(answer(send(Channel.SHELL, request("history_request", tail))))
                .get("history");
        assertTrue(history.toString().contains("String remembered"), history.toString());
    }
}
