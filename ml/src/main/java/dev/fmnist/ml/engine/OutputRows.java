package dev.fmnist.ml.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's {@code [n, classes]} output as one {@code double[]} per image, read off-heap in one bulk copy. */
final class OutputRows {

    private OutputRows() {}

    /**
     * Same values as {@link INDArray#toDoubleMatrix()} (which makes a view, a copy and a conversion per row, about
     * 20–40 µs per image), read as one float array.
     *
     * @param output a 2-d FLOAT (or other floating point) array
     * @return its rows
     */
    static double[][] toRows(INDArray output) {
        if (output.rank() != 2) {
            throw new IllegalArgumentException(
                    "expected a [n, classes] output, got shape " + java.util.Arrays.toString(output.shape()));
        }
        int rows = (int) output.size(0);
        int columns = (int) output.size(1);
        INDArray dense = output.ordering() == 'c'
                        && !output.isView()
                        && output.length() == output.data().length()
                ? output
                : output.dup('c');
        double[][] result = new double[rows][columns];
        if (dense.dataType() == DataType.DOUBLE) {
            double[] flat = dense.data().asDouble();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * columns, result[r], 0, columns);
            }
            return result;
        }
        float[] flat = dense.data().asFloat();
        for (int r = 0; r < rows; r++) {
            double[] row = result[r];
            int offset = r * columns;
            for (int c = 0; c < columns; c++) {
                row[c] = flat[offset + c];
            }
        }
        return result;
    }
}
