package dev.fmnist.cli.command;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** {@code --grid name=v1,v2}: what a user types becomes the search's grid, and a mistake says what is wrong. */
class GridAxisTest {

    @Test
    void valuesAreJsonWhenTheyParseAndTextOtherwise() {
        assertThat(GridAxis.parse("learningRate=0.001,0.003"))
                .isEqualTo(new GridAxis("learningRate", List.of(0.001, 0.003)));
        assertThat(GridAxis.parse("epochs=1, 2 ,3").values()).containsExactly(1, 2, 3);
        assertThat(GridAxis.parse("activation=relu,tanh").values()).containsExactly("relu", "tanh");
        assertThat(GridAxis.parse("batchNorm=true,false").values()).containsExactly(true, false);
        assertThat(GridAxis.parse("architecture=softmax,mlp").values()).containsExactly("softmax", "mlp");
    }

    @Test
    void listsAreSeparatedBySemicolonsBecauseTheyHoldCommas() {
        assertThat(GridAxis.parse("hiddenLayers=[128];[256,128]").values())
                .containsExactly(List.of(128), List.of(256, 128));
        assertThat(GridAxis.parse("hiddenLayers=[256,128]").values()).containsExactly(List.of(256, 128));
        assertThat(GridAxis.parse("dropout=0.1;0.2").values()).containsExactly(0.1, 0.2);
    }

    @Test
    void aMalformedGridIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> GridAxis.parse("learningRate")).hasMessageContaining("name=v1,v2");
        assertThatThrownBy(() -> GridAxis.parse("=1,2")).hasMessageContaining("'=1,2'");
        assertThatThrownBy(() -> GridAxis.parse("epochs=")).hasMessageContaining("epochs has no values");
        assertThatThrownBy(() -> GridAxis.parse("epochs=1,,2")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> GridAxis.parse("hiddenLayers=[128];")).hasMessageContaining("separated by ';'");
        assertThatThrownBy(() -> GridAxis.parse("epochs=1,1")).hasMessageContaining("lists 1 twice");
    }

    @Test
    void theJobsOwnFieldsGetValuesOfTheirType() {
        assertThatThrownBy(() -> GridAxis.parse("epochs=1,2.5")).hasMessageContaining("positive integers, got 2.5");
        assertThatThrownBy(() -> GridAxis.parse("batchSize=0,64")).hasMessageContaining("positive integers, got 0");
        assertThatThrownBy(() -> GridAxis.parse("learningRate=fast")).hasMessageContaining("positive numbers");
        assertThatThrownBy(() -> GridAxis.parse("architecture=1")).hasMessageContaining("architecture names");
        // anything else is an architecture parameter: the service judges it
        assertThat(GridAxis.parse("hiddenLayers=1,2").values()).containsExactly(1, 2);
    }

    @Test
    void theGridKeepsTheOrderGivenAndRefusesANameTwice() {
        Map<String, List<Object>> grid = GridAxis.grid(
                List.of(GridAxis.parse("learningRate=0.001,0.003"), GridAxis.parse("hiddenLayers=[128];[256,128]")));

        assertThat(grid)
                .containsExactly(
                        entry("learningRate", List.of(0.001, 0.003)),
                        entry("hiddenLayers", List.of(List.of(128), List.of(256, 128))));
        assertThat(GridAxis.size(grid)).isEqualTo(4);
        assertThatThrownBy(() -> GridAxis.grid(List.of(GridAxis.parse("epochs=1"), GridAxis.parse("epochs=2"))))
                .hasMessageContaining("--grid epochs is given twice");
    }
}
