package dev.fmnist.ingest.source;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The allowed-roots guard on a real file system: escapes by {@code ..} and by symbolic links are caught. */
class DataRootsTest {

    @TempDir
    Path temp;

    Path root;
    Path outside;
    DataRoots roots;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(temp.resolve("data"));
        outside = Files.createDirectories(temp.resolve("secret"));
        Files.writeString(outside.resolve("passwords.csv"), "label,pixel1\n");
        Files.createDirectories(root.resolve("mnist"));
        roots = DataRoots.of(List.of(root));
    }

    @Test
    void aPathInsideARootResolvesToItsRealPath() throws IOException {
        assertThat(roots.resolve(root.resolve("mnist").toString()))
                .isEqualTo(root.resolve("mnist").toRealPath());
        assertThat(roots.resolve(root.toString())).isEqualTo(root.toRealPath());
        // inside, but not there: allowed, so the reader gives its usual "no such folder"
        assertThat(roots.resolve(root.resolve("later/train.csv").toString()))
                .isEqualTo(root.toRealPath().resolve("later/train.csv"));
    }

    @Test
    void aMissingAndAnExistingForbiddenPathGetTheSameRefusal() {
        String existing = refusal(outside.resolve("passwords.csv").toString());
        String missing = refusal(outside.resolve("no-such-file.csv").toString());
        String nowhere = refusal("/no/such/folder/at/all");
        assertThat(existing)
                .isEqualTo(missing)
                .isEqualTo(nowhere)
                .isEqualTo(DataRoots.OUTSIDE)
                .startsWith("forbidden-path: ")
                .doesNotContain("secret", "passwords");
    }

    @Test
    void dotDotEscapesAreRefused() throws IOException {
        assertThat(refusal(root + "/../secret/passwords.csv")).isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root + "/mnist/../../secret")).isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root + "/missing/../../secret/passwords.csv")).isEqualTo(DataRoots.OUTSIDE);
        // .. that stays inside is fine
        assertThat(roots.resolve(root + "/mnist/../mnist"))
                .isEqualTo(root.resolve("mnist").toRealPath());
    }

    @Test
    void aSiblingWithTheRootAsPrefixIsOutside() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("data-2"));
        assertThat(refusal(sibling.toString())).isEqualTo(DataRoots.OUTSIDE);
    }

    @Test
    void symbolicLinksOutOfARootAreRefusedWhetherTheirTargetExistsOrNot() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("passwords.csv"), outside.resolve("passwords.csv"));
        Files.createSymbolicLink(root.resolve("dangling.csv"), outside.resolve("not-there.csv"));

        assertThat(refusal(root.resolve("escape").toString())).isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root.resolve("escape/passwords.csv").toString())).isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root.resolve("escape/not-there.csv").toString())).isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root.resolve("passwords.csv").toString())).isEqualTo(DataRoots.OUTSIDE);
        // a link whose target is missing points outside all the same: same answer as an existing target
        assertThat(refusal(root.resolve("dangling.csv").toString())).isEqualTo(DataRoots.OUTSIDE);
        // the OS resolves the link before '..': escape/.. is the parent of secret, so escape/../secret is secret
        assertThat(refusal(root.resolve("escape/../secret/passwords.csv").toString()))
                .isEqualTo(DataRoots.OUTSIDE);
        assertThat(refusal(root.resolve("escape/../secret/not-there.csv").toString()))
                .isEqualTo(DataRoots.OUTSIDE);
        // a link to a link that leads out, with a missing end
        Files.createSymbolicLink(root.resolve("chain"), root.resolve("dangling.csv"));
        assertThat(refusal(root.resolve("chain").toString())).isEqualTo(DataRoots.OUTSIDE);
        // a loop of links is refused the same way (it can lead nowhere)
        Files.createSymbolicLink(root.resolve("loop-a"), root.resolve("loop-b"));
        Files.createSymbolicLink(root.resolve("loop-b"), root.resolve("loop-a"));
        assertThat(refusal(root.resolve("loop-a/x").toString())).isEqualTo(DataRoots.OUTSIDE);
    }

    @Test
    void aLinkToAnotherPlaceInsideARootIsAllowed() throws IOException {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("mnist"));
        assertThat(roots.resolve(root.resolve("alias").toString()))
                .isEqualTo(root.resolve("mnist").toRealPath());
    }

    @Test
    void aRootThatIsItselfALinkAllowsWhatItLeadsTo() throws IOException {
        Path link = Files.createSymbolicLink(temp.resolve("data-link"), root);
        DataRoots viaLink = DataRoots.of(List.of(link));
        assertThat(viaLink.resolve(root.resolve("mnist").toString()))
                .isEqualTo(root.resolve("mnist").toRealPath());
        assertThat(viaLink.resolve(link.resolve("mnist").toString()))
                .isEqualTo(root.resolve("mnist").toRealPath());
    }

    @Test
    void entriesMetWhileReadingThatLinkOutAreRefused() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("mnist/train.csv"), outside.resolve("passwords.csv"));
        PathNotAllowedException e = catchThrowableOfType(PathNotAllowedException.class, () -> roots.require(link));
        assertThat(e.getMessage()).startsWith("forbidden-path: " + link).doesNotContain("secret");
        assertThat(roots.require(root.resolve("mnist")))
                .isEqualTo(root.resolve("mnist").toRealPath());
    }

    @Test
    void aNonexistentRootStillBoundsWhatLiesBelowIt() throws IOException {
        DataRoots future = DataRoots.of(List.of(temp.resolve("mounted-later")));
        assertThat(future.resolve(temp.resolve("mounted-later/x").toString()))
                .isEqualTo(temp.toRealPath().resolve("mounted-later/x"));
        assertThatThrownBy(() -> future.resolve(root.toString())).isInstanceOf(PathNotAllowedException.class);
    }

    @Test
    void aPathTheFileSystemCannotNameIsRefusedTheSameWay() {
        assertThat(refusal("/data/\u0000nul")).isEqualTo(DataRoots.OUTSIDE);
    }

    private String refusal(String path) {
        return catchThrowableOfType(PathNotAllowedException.class, () -> roots.resolve(path))
                .getMessage();
    }
}
