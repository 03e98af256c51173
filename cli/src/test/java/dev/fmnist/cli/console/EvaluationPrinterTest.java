package dev.fmnist.cli.console;

import dev.fmnist.contracts.Evaluation;
import dev.fmnist.contracts.FashionLabels;
import dev.fmnist.contracts.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationPrinterTest {

    /** 3 classes used of 10: T-shirt 8 right 2 as Shirt, Trouser 10 right, Shirt 1 right 1 as T-shirt. */
    private static Evaluation evaluation() {
        long[][] matrix = new long[10][10];
        matrix[0][0] = 8;
        matrix[0][6] = 2;
        matrix[1][1] = 10;
        matrix[6][6] = 1;
        matrix[6][0] = 1;
        ConfusionMatrix confusion = ConfusionMatrix.of(matrix);
        return new Evaluation(
                "fmnist-mlp-v1-abcd1234",
                1,
                confusion.total(),
                confusion.accuracy(),
                confusion.macroF1(),
                confusion.weightedF1(),
                FashionLabels.NAMES,
                matrix,
                confusion.perClass(),
                null,
                Instant.parse("2026-11-23T17:00:00Z"),
                null);
    }

    @Test
    void printsTheHeadlineFiguresThePerClassTableAndTheMatrix() {
        StringWriter text = new StringWriter();
        EvaluationPrinter.print(new PrintWriter(text), evaluation());
        String out = text.toString();

        assertThat(out)
                .contains("Evaluation of model fmnist-mlp-v1-abcd1234 (version 1): 22 labelled images")
                .contains("accuracy     86.36%") // 19 / 22
                .containsPattern("0 T-shirt/top\\s+0\\.8889\\s+0\\.8000\\s+0\\.8421\\s+10")
                .containsPattern("1 Trouser\\s+1\\.0000\\s+1\\.0000\\s+1\\.0000\\s+10")
                .containsPattern("5 Sandal\\s+0\\.0000\\s+0\\.0000\\s+0\\.0000\\s+0")
                .contains("Confusion matrix (rows: true class, columns: predicted class)");
    }

    @Test
    void theMatrixIsRightAlignedWithAHeaderOfPredictedLabelsAndNamedRows() {
        List<String> lines = EvaluationPrinter.confusionMatrix(evaluation().confusionMatrix(), FashionLabels.NAMES);

        assertThat(lines).hasSize(11);
        assertThat(lines.get(0))
                .isEqualTo(" ".repeat("0 T-shirt/top".length()) + "   0   1   2   3   4   5   6   7" + "   8   9");
        assertThat(lines.get(1)).isEqualTo("0 T-shirt/top   8   0   0   0   0   0   2   0   0   0");
        assertThat(lines.get(7)).isEqualTo("6 Shirt         1   0   0   0   0   0   1   0   0   0");
        assertThat(lines)
                .allSatisfy(line -> assertThat(line).hasSize(lines.get(0).length()));
    }

    @Test
    void wideCountsWidenEveryColumn() {
        long[][] matrix = new long[10][10];
        matrix[9][9] = 12345;

        List<String> lines = EvaluationPrinter.confusionMatrix(matrix, FashionLabels.NAMES);

        assertThat(lines.get(10)).endsWith(" 12345").startsWith("9 Ankle boot");
        assertThat(lines.get(1)).endsWith("      0");
    }
}
