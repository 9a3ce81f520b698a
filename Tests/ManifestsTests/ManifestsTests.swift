import Manifests
import Testing

@Suite struct ManifestsPlaceholderTests {
    @Test func jobName() { #expect(KubernetesManifests.jobName("Gate Test") == "rehearse-gate-test") }
}
