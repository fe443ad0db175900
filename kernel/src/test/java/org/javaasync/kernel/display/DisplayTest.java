package org.javaasync.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.javaasync.kernel.evaluator.EvalOutcome;
import org.javaasync.kernel.jshell.JShellEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DisplayTest {

    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void installSink() {
        Output.setSink(sink);
    }

    @AfterEach
    void removeSink() {
        Output.setSink(null);
    }

    @Test
    void displayRendersThroughTheRegistryAndReturnsTheDisplayId() {
        String id = Display.display(List.of(1, 2));
        assertEquals(1, sink.displays.size());
        assertEquals(id, sink.displays.get(0).displayId());
        assertEquals("[1, 2]", sink.displays.get(0).bundle().data().get("text/plain"));
    }

    @Test
    void displayOfDataWithAMimeTypeSendsThatType() {
        Display.display("<b>bold</b>", "text/html");
        assertEquals("<b>bold</b>", sink.displays.get(0).bundle().data().get("text/html"));
    }

    @Test
    void updateDisplayReplacesUnderTheSameId() {
        String id = Display.display("working");
        Display.updateDisplay(id, "done");
        RecordingSink.Shown update = sink.displays.get(1);
        assertEquals(id, update.displayId());
        assertTrue(update.update());
        assertEquals("\"done\"", update.bundle().data().get("text/plain"));
    }

    @Test
    void clearOutputCanWaitForTheNextOutput() {
        Display.clearOutput();
        Display.clearOutput(true);
        assertEquals(List.of(false, true), sink.clears);
    }

    @Test
    void helpersBuildBundlesOfTheirTypeWithAPlainTextPart() {
        assertEquals(
                Map.of("text/html", "<i>x</i>", "text/plain", "x"),
                Display.html("<i>x</i>").data());
        assertEquals(
                Map.of("text/markdown", "# T", "text/plain", "# T"),
                Display.markdown("# T").data());
        assertEquals(
                Map.of("image/svg+xml", "<svg/>", "text/plain", "<SVG image>"),
                Display.svg("<svg/>").data());
        MimeBundle json = Display.json(Map.of("a", 1));
        assertEquals(Map.of("a", 1), json.data().get("application/json"));
        assertEquals("{\n  \"a\" : 1\n}", json.data().get("text/plain"));
        MimeBundle parsed = Display.jsonText("{\"b\": [true]}");
        assertEquals(Map.of("b", List.of(true)), parsed.data().get("application/json"));
        assertEquals("{\n  \"b\" : [ true ]\n}", parsed.data().get("text/plain"));
    }

    @Test
    void everyWayToDisplaySendsAPlainTextPart() {
        Display.display("<p>one</p>", "text/html");
        Display.display(MimeBundle.of("text/markdown", "*two*"));
        Display.display(Display.svg("<svg width=\"40\" height=\"30\"><title>three</title></svg>"));
        String id = Display.display(MimeBundle.of("application/vnd.custom+json", Map.of("n", 4)));
        Display.updateDisplay(id, MimeBundle.of("text/html", "<b>five</b>"));
        List<Object> texts = sink.displays.stream()
                .map(shown -> shown.bundle().data().get("text/plain"))
                .toList();
        assertEquals(List.of("one", "*two*", "<SVG image 40x30: three>", "{\n  \"n\" : 4\n}", "five"), texts);
    }

    @Test
    void aRenderedObjectKeepsItsOwnToStringAsText() {
        record Chart(String title) implements Renderable {
            @Override
            public MimeBundle toMimeBundle() {
                return MimeBundle.of("text/html", "<h1>" + title + "</h1>");
            }
        }
        Renderable anonymous = () -> MimeBundle.of("text/html", "<h1>Sales</h1>");
        assertEquals(
                "Chart[title=Sales]",
                Renderers.render(new Chart("Sales")).data().get("text/plain"));
        assertEquals("Sales", Renderers.render(anonymous).data().get("text/plain"), "no toString of its own");
    }

    @Test
    void aBundleIsShownAsItselfWithATextFallback() {
        MimeBundle rendered = Renderers.render(Display.html("<p>hi</p>"));
        assertEquals("<p>hi</p>", rendered.data().get("text/html"));
        assertNotNull(rendered.data().get("text/plain"));
    }

    @Test
    void anImageBecomesABase64Png() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        MimeBundle bundle = Renderers.render(image);
        byte[] png = Base64.getDecoder().decode((String) bundle.data().get("image/png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        assertEquals(Map.of("width", 3, "height", 2), bundle.metadata().get("image/png"));
    }

    @Test
    void aRenderableTypeRendersItself() {
        Renderable card = () -> Display.html("<div>card</div>");
        assertEquals("<div>card</div>", Renderers.render(card).data().get("text/html"));
    }

    @Test
    void plainValuesAreShownAsJShellShowsThem() {
        assertEquals("\"a\\nb\"", Renderers.render("a\nb").data().get("text/plain"));
        assertEquals("'c'", Renderers.render('c').data().get("text/plain"));
        assertEquals(
                "int[3] { 1, 2, 3 }",
                Renderers.render(new int[] {1, 2, 3}).data().get("text/plain"));
        assertEquals("null", Renderers.render(null).data().get("text/plain"));
    }

    interface Shape {}

    static class Circle implements Shape {}

    static final class SmallCircle extends Circle {}

    @Test
    void theMostSpecificRegisteredTypeWins() {
        try {
            Renderers.register(Shape.class, s -> MimeBundle.of("text/plain", "shape"));
            Renderers.register(SmallCircle.class, s -> MimeBundle.of("text/plain", "small circle"));
            Renderers.register(Circle.class, s -> MimeBundle.of("text/plain", "circle"));
            assertEquals(
                    "small circle", Renderers.render(new SmallCircle()).data().get("text/plain"));
            assertEquals("circle", Renderers.render(new Circle()).data().get("text/plain"));
            assertEquals("shape", Renderers.render(new Shape() {}).data().get("text/plain"));
        } finally {
            Renderers.unregister(Shape.class);
            Renderers.unregister(Circle.class);
            Renderers.unregister(SmallCircle.class);
        }
    }

    @Test
    void aLaterRegistrationForTheSameTypeReplacesTheEarlierOne() {
        try {
            Renderers.register(Circle.class, c -> MimeBundle.of("text/plain", "first"));
            Renderers.register(Circle.class, c -> MimeBundle.of("text/plain", "second"));
            assertEquals("second", Renderers.render(new Circle()).data().get("text/plain"));
        } finally {
            Renderers.unregister(Circle.class);
        }
    }

    @Test
    void cellsDisplayThroughTheInstalledSinkAndCanRegisterRenderers() {
        try (JShellEvaluator evaluator = new JShellEvaluator()) {
            EvalOutcome outcome = evaluator.eval("""
                    record Money(long cents) implements org.javaasync.kernel.display.Renderable {
                        public org.javaasync.kernel.display.MimeBundle toMimeBundle() {
                            return html("<b>" + cents / 100 + " EUR</b>");
                        }
                    }
                    display(new Money(250));
                    display(markdown("**done**"))
                    """);
            assertTrue(outcome instanceof EvalOutcome.NoValue, "a cell ending in display(...) shows no id: " + outcome);
            assertEquals("<b>2 EUR</b>", sink.displays.get(0).bundle().data().get("text/html"));
            assertEquals("**done**", sink.displays.get(1).bundle().data().get("text/markdown"));
        }
    }
}
