package dev.deepstreamrpc.sample;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BOM that this application imports manages every artifact the project publishes, and
 * nothing else, so that users who import it get one version of each. A module is
 * published unless its pom sets {@code maven.deploy.skip}; the BOM itself is not one of
 * the artifacts it manages.
 */
class BillOfMaterialsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String BOM = "deepstream-rpc-bom";

	@Test
	void managesEveryPublishedModuleAndNothingElse() throws Exception {
		assertThat(managedArtifacts()).isEqualTo(publishedModules());
	}

	@Test
	void managesTheArtifactsInTheProjectsVersion() throws Exception {
		Document bom = read(ROOT.resolve(BOM).resolve("pom.xml"));
		assertThat(child(bom.getDocumentElement(), "version"))
			.isEqualTo(child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
		assertThat(managedDependencies(bom)).allSatisfy((dependency) -> {
			assertThat(child(dependency, "groupId")).isEqualTo("dev.deepstreamrpc");
			assertThat(child(dependency, "version")).isEqualTo("${project.version}");
		});
	}

	private static Set<String> publishedModules() throws Exception {
		Set<String> published = new TreeSet<>();
		for (Element module : elements(read(ROOT.resolve("pom.xml")).getElementsByTagName("module"))) {
			String name = module.getTextContent().trim();
			Document pom = read(ROOT.resolve(name).resolve("pom.xml"));
			if (!name.equals(BOM) && !skipsDeploy(pom)) {
				published.add(child(pom.getDocumentElement(), "artifactId"));
			}
		}
		return published;
	}

	private static Set<String> managedArtifacts() throws Exception {
		Set<String> managed = new TreeSet<>();
		for (Element dependency : managedDependencies(read(ROOT.resolve(BOM).resolve("pom.xml")))) {
			managed.add(child(dependency, "artifactId"));
		}
		return managed;
	}

	private static List<Element> managedDependencies(Document bom) {
		Element management = (Element) bom.getElementsByTagName("dependencyManagement").item(0);
		return elements(management.getElementsByTagName("dependency"));
	}

	private static boolean skipsDeploy(Document pom) {
		NodeList skip = pom.getElementsByTagName("maven.deploy.skip");
		return skip.getLength() > 0 && Boolean.parseBoolean(skip.item(0).getTextContent().trim());
	}

	private static String child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element.getTextContent().trim();
			}
		}
		throw new IllegalStateException("No <" + name + "> in <" + parent.getTagName() + ">");
	}

	private static List<Element> elements(NodeList nodes) {
		List<Element> elements = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			elements.add((Element) nodes.item(i));
		}
		return elements;
	}

	private static Document read(Path pom) throws Exception {
		assertThat(pom).exists();
		try (InputStream in = Files.newInputStream(pom)) {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
		}
	}

}
