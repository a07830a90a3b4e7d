# Perceptron Lab, English.
## The views: output, plots, confusion matrix, network view, step-through, inspector.

output = Output
sample-in-focus = Sample in focus: #{ $number } (row { $row })
true-class = True class
predicted-class = Predicted
feature = Feature
value = Value
probability = Probability
previous-sample = Previous sample
next-sample = Next sample
hover-sample = One row of the data (record = sample): its feature values x are the inputs, its label y is the answer the network should give.
loss-plot = Loss per epoch
accuracy-plot = Accuracy per epoch
log-scale = Log scale
train-loss = train loss
test-loss = test loss
train-accuracy = train accuracy
test-accuracy = test accuracy
epoch-axis = epoch
no-epochs-yet = No epoch finished yet: press Play or Step epoch.
hover-loss-plot = The average loss after each epoch. Falling means learning; a test loss that rises while the train loss falls means the network memorises (overfitting).
hover-accuracy-plot = The fraction of samples classified correctly after each epoch (정확도).
hover-log-scale = Show the loss on a logarithmic axis, so small late improvements stay visible.
confusion-matrix = Confusion matrix
train-set = Train
test-set = Test
row-normalised = Row-normalised
true-axis = true ↓
predicted-axis = predicted →
class = Class
precision = Precision
recall = Recall
f1 = F1
accuracy = Accuracy
total = Total: { $count ->
        [one] 1 sample
       *[other] { $count } samples
    }
notebook = Wrong-answer notebook: true { $true_class } → predicted { $predicted } ({ $count ->
        [one] 1 sample
       *[other] { $count } samples
    })
notebook-empty = No samples in this cell.
notebook-hint = Click a cell to list its samples (the wrong-answer notebook, 오답 노트).
index = #
probabilities = Probabilities
features = Features
regression-only = This dataset has numeric targets, so there is no confusion matrix.
hover-confusion = Rows are the true classes, columns what the network predicted (혼동 행렬). The diagonal holds the right answers; every other cell is a kind of mistake.
hover-row-normalised = Show each row as fractions of that true class instead of counts.
hover-precision = Precision (정밀도): of the samples predicted as this class, the share that really are. — when the class was never predicted.
hover-recall = Recall (재현율): of the samples of this class, the share the network found.
hover-f1 = F1: the harmonic mean of precision and recall, high only when both are.
hover-accuracy = Accuracy (정확도): the share of all samples classified correctly.
hover-train-test = Count the training samples (what the network learned from) or the held-back test samples (how well it generalises).
output-n = output { $number }
boundary-needs-two-features = The decision boundary is drawn for data with two features; this dataset has { $count }.
boundary-axes = across: { $across }, up: { $up }
boundary-key = dots: training set, rings: test set
boundary-point = Training sample { $index }: ({ $x }, { $y }) { $class }
class-named = class { $name }
plot-point =
    { $series }
    epoch { $epoch }: { $value }
confusion-cell = Cell { $true_class } → { $predicted }
mode-forward = Forward
mode-backprop = Backprop
hover-mode-forward = Nodes show each neuron's activation a; edges show the weights (orange +, blue −).
hover-mode-backprop = Nodes show |δ| = |∂L/∂z|, edges |∂L/∂w|, for the sample in focus: where the gradient is large and where it vanishes.
step-hint = Press Step sample to play one sample through: forward, loss, backward, update
loss-value = loss L = { $loss }
next-phase = Next phase
hover-next-phase = Show the next phase of this sample’s step (right arrow key).
skip = Skip
hover-skip = Jump to the end of this step.
done = Done
update-not-undone = The update is already made: stepping back does not undo it.
hover-done = Leave the step-through and show the sample in focus.
auto-advance = Auto-advance
hover-auto-advance = Play the phases by themselves; off: advance with → or Next phase.
animation-speed = speed
hover-animation-speed = How fast the step-through animates.
reduce-motion = Reduce motion
hover-reduce-motion = Show each phase at once, without moving pulses.
add-layer-here = Add layer
hover-add-layer-here = Add a hidden layer before the output (resets the weights).
remove-layer-here = Remove layer
hover-remove-layer-here = Remove the last hidden layer (resets the weights).
fit-view = Fit view
hover-fit-view = Reset zoom and pan (or double-click the graph).
hover-remove-neuron = Remove a neuron from hidden layer { $layer } (resets the weights)
hover-add-neuron = Add a neuron to hidden layer { $layer } (resets the weights)
hover-layer-activation = Activation function of hidden layer { $layer }
legend-weight = weight w on edges
legend-weight-gradient = |∂L/∂w| on edges
legend-weight-change = Δw = new − old weight
legend-weight-change-expected = No update yet: it waits for the batch’s end (shown: −lr·∂L/∂w of this sample)
legend-delta = |δ| = |∂L/∂z| on nodes
legend-activation = activation a on nodes
inspector-hint = Hover a neuron or an edge to see its numbers; click to pin it.
inspector-sample = Sample { $index } of the training set
inspector-input = Input { $number } ({ $name })
inspector-with = {"   "}with { $values }
inspector-edge = Weight from { $from } to { $to }
update-made = The update { $optimizer } made:
update-alone = This sample’s update alone ({ $optimizer }):
update-waits = The update waits for the batch’s end (sample { $place } of { $size }): mean ∂L/∂w so far = { $mean }
sparkline-title = activation over the training set
layer-hidden = hidden layer { $number }
layer-output = output layer
neuron-of-layer = { $layer }, neuron { $number }
phase-labels-1 = ① forward
phase-labels-2 = ② loss
phase-labels-3 = ③ backward
phase-labels-4 = ④ update
phase-explanations-1 = Each layer computes z = w·a + b and a = f(z), from left to right.
phase-explanations-2 = The output is compared with the target: the loss says how wrong it is.
phase-explanations-3 = The gradient flows back: δ = ∂L/∂z on nodes, ∂L/∂w = δ·a on edges.
phase-explanations-4 = Each weight moves by its optimizer’s rule (the edge inspector shows it with its numbers).
inspector-more = {" "}+ … ({ $count } more)
