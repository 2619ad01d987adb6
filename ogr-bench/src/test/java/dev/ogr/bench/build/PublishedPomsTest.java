package dev.ogr.bench.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The published POMs say what a user depends on: the BOM manages every module at the build's version and the ND4J
 * backend at the version the build tests with, every library module names its automatic module, and the licence the
 * POM declares is the LICENSE file shipped at the top.
 */
class PublishedPomsTest {

    private static final Path ROOT = root();

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("ogr-bom/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no ogr-bom/pom.xml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Element pom(String path) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document doc = factory.newDocumentBuilder().parse(ROOT.resolve(path).toFile());
        return doc.getDocumentElement();
    }

    /** The text of the first direct child element of that name, or null. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static Element childElement(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static List<String> modules(Element parentPom) {
        List<String> modules = new ArrayList<>();
        NodeList list = childElement(parentPom, "modules").getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            modules.add(list.item(i).getTextContent().trim());
        }
        return modules;
    }

    @Test
    void theBomManagesEveryModuleAtTheBuildsVersionAndTheTestedBackend() throws Exception {
        Element parent = pom("pom.xml");
        Element bom = pom("ogr-bom/pom.xml");
        Element bomProperties = childElement(bom, "properties");
        Element parentProperties = childElement(parent, "properties");
        assertEquals(child(parent, "version"), child(bom, "version"), "ogr-bom's own version");
        assertEquals(child(parent, "version"), child(bomProperties, "ogr.version"), "ogr-bom's ogr.version");
        assertEquals(child(parentProperties, "dl4j.version"), child(bomProperties, "nd4j.version"),
                "ogr-bom's nd4j.version against the parent's dl4j.version");

        List<String> managed = new ArrayList<>();
        NodeList deps = childElement(childElement(bom, "dependencyManagement"), "dependencies")
                .getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if ("dev.ogr".equals(child(d, "groupId"))) {
                managed.add(child(d, "artifactId"));
                assertEquals("${ogr.version}", child(d, "version"), child(d, "artifactId") + "'s version in ogr-bom");
            }
        }
        for (String module : modules(parent)) {
            if (!module.equals("ogr-bom")) {
                assertTrue(managed.contains(module), module + " is a module of the build but not managed by ogr-bom");
            }
        }
        assertEquals(modules(parent).size() - 1, managed.size(), "ogr-bom manages exactly the modules: " + managed);
    }

    @Test
    void everyLibraryModuleNamesItsAutomaticModuleAfterItsTopPackage() throws Exception {
        for (String module : modules(pom("pom.xml"))) {
            if (module.equals("ogr-bom")) {
                continue;
            }
            String name = child(childElement(pom(module + "/pom.xml"), "properties"), "automatic.module.name");
            assertTrue(name != null && name.matches("dev\\.ogr\\.[a-z0-9]+"), module + ": automatic.module.name " + name);
            Path packageDir = ROOT.resolve(module + "/src/main/java/" + name.replace('.', '/'));
            assertTrue(Files.isDirectory(packageDir), module + ": " + name + " is not a package of the module");
        }
    }

    @Test
    void theDeclaredLicenceIsTheShippedOne() throws Exception {
        Element license = childElement(childElement(pom("pom.xml"), "licenses"), "license");
        assertEquals("Apache-2.0", child(license, "name"));
        String text = Files.readString(ROOT.resolve("LICENSE"));
        assertTrue(text.contains("Apache License") && text.contains("Version 2.0, January 2004"), "LICENSE is Apache-2.0");
    }
}
