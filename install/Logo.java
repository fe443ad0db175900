import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Draws the kernel's logo: a Java-orange tile with a white "J" inside an event loop (a circular arrow).
 * Run with the JDK's source launcher: {@code java -Djava.awt.headless=true install/Logo.java DIR}; writes
 * {@code logo-32x32.png} and {@code logo-64x64.png} into DIR. The PNGs are committed; this is how to redraw them.
 */
public class Logo {
    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : ".");
        for (int size : new int[] {32, 64}) {
            ImageIO.write(draw(size), "png", new File(dir, "logo-" + size + "x" + size + ".png"));
        }
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        double s = size;
        g.setColor(new Color(0xE7, 0x6F, 0x00));
        g.fill(new RoundRectangle2D.Double(0, 0, s, s, s * 0.3, s * 0.3));
        // The loop: an arc of 300 degrees with an arrow head, in light blue.
        g.setColor(new Color(0xBF, 0xE3, 0xFF));
        float stroke = (float) (s * 0.07);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double m = s * 0.14;
        g.draw(new Arc2D.Double(m, m, s - 2 * m, s - 2 * m, 120, 300, Arc2D.OPEN));
        double cx = s / 2 + (s / 2 - m) * Math.cos(Math.toRadians(60));
        double cy = s / 2 - (s / 2 - m) * Math.sin(Math.toRadians(60));
        Path2D head = new Path2D.Double();
        head.moveTo(cx - s * 0.13, cy - s * 0.07);
        head.lineTo(cx + s * 0.05, cy - s * 0.02);
        head.lineTo(cx - s * 0.05, cy + s * 0.13);
        head.closePath();
        g.fill(head);
        // The J.
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(s * 0.5)));
        var metrics = g.getFontMetrics();
        String text = "J";
        int x = (int) Math.round((s - metrics.stringWidth(text)) / 2);
        int y = (int) Math.round((s - metrics.getHeight()) / 2 + metrics.getAscent());
        g.drawString(text, x, y);
        g.dispose();
        return image;
    }
}
