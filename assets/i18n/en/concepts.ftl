# Perceptron Lab: the concept dictionary (Help → Concepts).

concepts = Concepts
concepts-search = Search (English or Korean)
concepts-none = No concept matches.
show-me = Show me
hover-show-me = Take me to the place in the app where this concept is at work.
hover-concept-hint = What is this? Click to open it in Help → Concepts.

concept-terms-1 = Neuron and weighted sum
concept-explanations-1 = A neuron adds up its inputs, each multiplied by a weight, plus a bias: z = w·x + b. It then passes the sum through its activation function, a = f(z), and hands a on to the next layer.
concept-terms-2 = Weights and biases
concept-explanations-2 = Weights say how strongly each input pushes a neuron, and the bias shifts its threshold. They are the parameters the network learns; the graph draws them as edges (orange positive, blue negative).
concept-terms-3 = Activation function
concept-explanations-3 = The function f in a = f(z) that bends a neuron's sum: sigmoid, tanh, ReLU, softmax. Without a non-linear one, stacking layers is no better than one layer.
concept-terms-4 = Sigmoid for two classes (logistic regression)
concept-explanations-4 = One sigmoid output neuron squeezes its sum into a probability between 0 and 1, for yes-or-no questions such as spam or not. This is logistic regression.
concept-terms-5 = Softmax for many classes
concept-explanations-5 = Softmax turns one sum per class into probabilities that add up to 1, and the largest one is the prediction. This is softmax regression, used for iris or digits.
concept-terms-6 = One-hot encoding
concept-explanations-6 = A label or category becomes a vector with one 1 and 0 everywhere else, one place per possible value. The output is compared with the one-hot target, and categorical columns enter the network this way.
concept-terms-7 = Forward propagation
concept-explanations-7 = The input travels left to right along the edges: every layer computes z = w·a + b and a = f(z) until the output layer gives its answer.
concept-terms-8 = Backpropagation
concept-explanations-8 = The error travels right to left: the chain rule gives each neuron its error signal δ = ∂L/∂z and each weight its gradient ∂L/∂w = δ·a, layer by layer from the output back to the input.
concept-terms-9 = Loss
concept-explanations-9 = One number that says how wrong the output is for a sample, such as mean squared error or cross-entropy. Training moves the weights to make its average smaller.
concept-terms-10 = Optimizer and learning rate
concept-explanations-10 = The optimizer turns gradients into weight changes; the simplest is w ← w − lr·∂L/∂w. The learning rate lr sets the step size: too small is slow, too large overshoots and can diverge.
concept-terms-11 = Epoch, batch and mini-batch
concept-explanations-11 = A mini-batch is a few samples whose gradients are averaged into one update. An epoch is one pass over the whole training set, so it holds as many updates as there are mini-batches.
concept-terms-12 = Hyperparameter vs parameter
concept-explanations-12 = Hyperparameters are what you choose before training: layers, learning rate, batch size. Parameters, the weights and biases, are what the network learns by itself.
concept-terms-13 = Supervised learning
concept-explanations-13 = Learning from examples that come with the right answer, the label. The network compares its output with the label and corrects itself.
concept-terms-14 = Features and target
concept-explanations-14 = Features are the independent variables x, the many inputs; the target is the dependent variable y, the one column the network learns to predict.
concept-terms-15 = Sample (row, record)
concept-explanations-15 = One row of the data table is one record, which is one sample: its feature values and its label. The sample in focus is the one every panel shows.
concept-terms-16 = Confusion matrix (wrong-answer notebook)
concept-explanations-16 = A table of true class (rows) against predicted class (columns). The diagonal counts the right answers; click any other cell to see exactly which samples were confused, like a wrong-answer notebook.
concept-terms-17 = Accuracy, precision and recall
concept-explanations-17 = Accuracy is the share of all samples classified correctly. Precision asks how many predicted as a class really are; recall asks how many of a class were found.
concept-terms-18 = Single-layer vs multi-layer perceptron
concept-explanations-18 = A single-layer perceptron can only draw one straight line, so it fails on XOR. A hidden layer lets a multi-layer perceptron bend the boundary and solve it.
concept-terms-19 = Hidden layers and deep networks
concept-explanations-19 = Layers between input and output are hidden layers. A network with several of them is a deep neural network (DNN), which can build more complex shapes.
concept-terms-20 = Fine-tuning
concept-explanations-20 = Keep training a model that has already learned instead of starting from random weights, for example a saved experiment on new data. Play continues from the current weights.
