package dev.ogr.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks of a report's chart files shared by the report tests: a readable PNG with a drawing SVG beside it. */
final class ChartFiles {

    private ChartFiles() {
    }

    /** Each of {@code pngs} is an image of at least 800×400 and the SVG beside it parses and draws something. */
    static void assertPngsWithSvgs(List<Path> pngs) throws Exception {
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, png + " is no image");
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, png.toString());
            Path svg = Charts.svgOf(png);
            Document doc = xml.newDocumentBuilder().parse(svg.toFile());
            assertEquals("svg", doc.getDocumentElement().getTagName(), svg.toString());
            assertTrue(doc.getElementsByTagName("path").getLength() > 10, svg + " draws nothing");
        }
    }
}
