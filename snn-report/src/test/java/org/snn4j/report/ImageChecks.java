package org.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** Checks that a picture is a readable image of the stated size. */
final class ImageChecks {
  private ImageChecks() {}

  /** Reads the PNG with ImageIO and returns it; fails unless it is {@code width × height} and not one colour. */
  static BufferedImage png(Path file, int width, int height) throws Exception {
    BufferedImage image = ImageIO.read(file.toFile());
    assertNotNull(image, file + " is not an image ImageIO reads");
    assertEquals(width, image.getWidth(), file + " width");
    assertEquals(height, image.getHeight(), file + " height");
    int first = image.getRGB(0, 0);
    boolean varied = false;
    for (int y = 0; y < height && !varied; y += 3) {
      for (int x = 0; x < width && !varied; x += 3) {
        varied = image.getRGB(x, y) != first;
      }
    }
    assertTrue(varied, file + " is blank");
    return image;
  }

  /** Parses the SVG as XML; fails unless its root is an svg element of {@code width × height}. */
  static Element svg(Path file, int width, int height) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element root = f.newDocumentBuilder().parse(Files.newInputStream(file)).getDocumentElement();
    assertEquals("svg", root.getLocalName(), file + " root element");
    assertEquals(width, Double.parseDouble(root.getAttribute("width").replace("px", "")), 0, file + " width");
    assertEquals(height, Double.parseDouble(root.getAttribute("height").replace("px", "")), 0, file + " height");
    assertTrue(root.getElementsByTagNameNS("*", "text").getLength() > 0
        || root.getElementsByTagNameNS("*", "path").getLength() > 0, file + " draws nothing");
    return root;
  }
}
