/** The contract's rules for input images, as one validator that answers with the decoded image or a Rejection. */
package dev.fmnist.contracts.validation;
