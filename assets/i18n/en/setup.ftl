# Perceptron Lab, English.
## The setup panel: data, columns, network, hyperparameters.

data = Data
dataset = Dataset
samples = Samples
noise = Noise
test-fraction = Test fraction
data-seed = Data seed
data-summary = { $train } training · { $test ->
        [one] 1 test sample
       *[other] { $test } test samples
    } · { $features ->
        [one] 1 feature
       *[other] { $features } features
    } · { $classes ->
        [one] 1 class
       *[other] { $classes } classes
    }
hover-dataset = The labelled examples the network learns from (supervised learning, 지도 학습): each row (record, sample) has feature values x and a class label y.
hover-samples = How many points to generate. More points give a clearer picture but slower epochs.
hover-noise = How much random jitter is added to every point. Noisy data is harder to separate and tempts the network to memorise.
hover-test-fraction = The share of samples held back and never trained on. The test loss tells you whether the network generalises or only memorises the training set.
columns = Columns
hover-columns = What each column of the table is for. Features are the independent variables x (독립변수, the network's inputs); the target is the dependent variable y (종속변수, what it learns to predict); ignored columns are left out.
column-name = Column
column-kind = Kind
column-missing = Missing
column-role = Role
role-of = Role of { $column }
kind-of = Kind of { $column }
hover-role = feature: an independent variable x, one input of the network (독립변수). target: the dependent variable y, what the network predicts (종속변수; one column). ignored: not used (ids, free text).
hover-kind = How the cells are read: numeric (numbers, rescaled), categorical (labels from a small set, one input per value: one-hot) or ignored. Inferred from the cells; override it here.
hover-missing-count = Cells that are empty, NA, NaN or ?.
role-names-1 = feature
role-names-2 = target
role-names-3 = ignored
kind-names-1 = numeric
kind-names-2 = categorical
kind-names-3 = ignored
scaling = Scaling
hover-scaling = How numeric features are rescaled, with statistics of the training split: standard is (x − mean) / standard deviation, min-max squeezes into 0..1, none keeps the raw values (large values make training slow or unstable).
scale-names-1 = standard
scale-names-2 = min-max
scale-names-3 = none
missing-values = Missing values
hover-missing-values = What to do with a missing feature cell: drop the whole row, or impute (fill in the training mean, or the most frequent label). Rows with a missing target are always dropped.
missing-names-1 = drop rows
missing-names-2 = impute
columns-unreadable = Can't read the columns: { $error }
loading = Loading { $name }…
hover-cancel-loading = Stop loading and keep the current experiment
loading-cancelled = Loading { $name } cancelled; the current experiment stays
hover-data-seed = The random seed for generating and splitting the data: the same seed gives the same samples.
network = Network (architecture)
hidden-layer = Hidden layer { $number }
neurons = Neurons
activation = Activation
output-activation = Output activation
output-layer = Output layer: { $count ->
        [one] 1 neuron
       *[other] { $count } neurons
    }
add-layer = Add hidden layer
remove-layer = Remove
learned-parameters = The model learns { $count ->
        [one] 1 weight or bias
       *[other] { $count } weights and biases
    } (drawn in the middle).
hover-network = The shape of the network. Hidden layers between input and output let a multi-layer perceptron (은닉층) bend its decision boundary; with none it can only draw a straight line.
hover-neurons = How many neurons this layer has. Each neuron computes a weighted sum z = w·x + b of its inputs and passes it through the activation: a = f(z).
hover-activation = The activation function f in a = f(z) (활성화 함수). Without a non-linear one (tanh, sigmoid, ReLU) extra layers add nothing.
hover-output-activation = How the output layer turns its sums into an answer: sigmoid gives one probability for two classes (logistic regression), softmax gives probabilities over many classes that sum to 1.
hover-add-layer = Add another hidden layer: a deeper network (심층 신경망) can build more complex shapes.
hover-learned = Weights and biases (가중치, 편향) are parameters the network learns by itself. Everything on this side is a hyperparameter that you choose.
hyperparameters = Hyperparameters (you set these)
hover-hyperparameters = Hyperparameters (하이퍼파라미터) are chosen by you before training; the weights are parameters the network learns.
loss = Loss
optimizer = Optimizer
learning-rate = Learning rate (lr)
batch-size = Batch size
l2 = L2 regularisation
init-seed = Weight seed
hover-loss = The loss (손실) measures how wrong the output is for one sample; training lowers its average. Cross-entropy pairs with softmax or sigmoid outputs, MSE with any.
hover-optimizer = How the gradients become weight updates (옵티마이저). SGD steps straight downhill; momentum and Adam remember past steps to move faster.
hover-learning-rate = How big a step each update takes: w ← w − lr·∂L/∂w (학습률). Too small learns slowly; too large overshoots and can diverge. Applies from the next step.
hover-batch-size = How many samples are averaged before each weight update (mini-batch, 미니 배치). 1 updates after every sample; the whole set is full-batch descent. Applies from the next batch.
hover-l2 = Weight decay: pulls every weight a little towards zero on each update, which keeps the boundary smooth. 0 turns it off.
hover-init-seed = The random seed for the starting weights and the shuffling of each epoch.

## The engine's choices, as the pickers show them.
activation-names-1 = linear
activation-names-2 = step
activation-names-3 = sigmoid
activation-names-4 = tanh
activation-names-5 = relu
activation-names-6 = leaky_relu
activation-names-7 = softmax
loss-names-1 = mse
loss-names-2 = bce
loss-names-3 = ce
optimizer-names-1 = sgd
optimizer-names-2 = momentum
optimizer-names-3 = adam
optimizer-names-4 = perceptron
generator-names-1 = xor
generator-names-2 = circle
generator-names-3 = gauss
generator-names-4 = spiral
generator-names-5 = moons
generator-names-6 = linear
bundled-names-1 = iris
bundled-names-2 = wine
bundled-names-3 = breast_cancer
bundled-names-4 = digits
bundled-names-5 = titanic
bundled-names-6 = penguins
bundled-names-7 = spambase
