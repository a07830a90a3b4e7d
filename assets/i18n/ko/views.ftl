# Perceptron Lab, Korean (한국어; terms: shared KOREAN.md and CONCEPTS.md).
## The views: output, plots, confusion matrix, network view, step-through, inspector.

output = 출력
sample-in-focus = 보고 있는 샘플: #{ $number } ({ $row }행)
true-class = 실제 클래스
predicted-class = 예측
feature = 특성
value = 값
probability = 확률
previous-sample = 이전 샘플
next-sample = 다음 샘플
hover-sample = 데이터의 한 행이에요 (레코드 = 샘플). 특성 값 x가 입력이고, 레이블 y가 신경망이 내야 할 정답이에요.
loss-plot = 에포크별 손실
accuracy-plot = 에포크별 정확도
log-scale = 로그 눈금
train-loss = 학습 손실
test-loss = 테스트 손실
train-accuracy = 학습 정확도
test-accuracy = 테스트 정확도
epoch-axis = 에포크
no-epochs-yet = 아직 끝난 에포크가 없어요. "재생"이나 "에포크 한 번"을 눌러 보세요.
hover-loss-plot = 에포크마다 잰 평균 손실이에요. 내려가면 배우고 있다는 뜻이에요. 학습 손실은 내려가는데 테스트 손실이 올라가면 신경망이 외우고 있는 거예요 (과적합, overfitting).
hover-accuracy-plot = 에포크마다 바르게 분류한 샘플의 비율이에요 (정확도, accuracy).
hover-log-scale = 손실을 로그 눈금으로 보여 줘서, 나중의 작은 개선도 보이게 해요.
confusion-matrix = 혼동 행렬
train-set = 학습
test-set = 테스트
row-normalised = 행별 비율
true-axis = 실제 ↓
predicted-axis = 예측 →
class = 클래스
precision = 정밀도
recall = 재현율
f1 = F1 점수
accuracy = 정확도
total = 전체: 샘플 { $count }개
notebook = 오답 노트: 실제 { $true_class } → 예측 { $predicted } (샘플 { $count }개)
notebook-empty = 이 칸에는 샘플이 없어요.
notebook-hint = 칸을 누르면 그 샘플들이 나와요 (오답 노트, wrong-answer notebook).
index = #
probabilities = 확률
features = 특성
regression-only = 이 데이터셋의 타깃은 숫자라서 혼동 행렬이 없어요.
hover-confusion = 행은 실제 클래스, 열은 신경망이 예측한 클래스예요 (혼동 행렬, confusion matrix). 대각선이 맞힌 답이고, 나머지 칸은 모두 틀린 종류예요.
hover-row-normalised = 각 행을 개수 대신 그 실제 클래스 안에서의 비율로 보여 줘요.
hover-precision = 정밀도(precision): 이 클래스로 예측한 샘플 가운데 정말 이 클래스인 비율이에요. 이 클래스로 예측한 적이 없으면 —로 나와요.
hover-recall = 재현율(recall): 이 클래스의 샘플 가운데 신경망이 찾아낸 비율이에요.
hover-f1 = F1 점수: 정밀도와 재현율의 조화 평균이에요. 둘 다 높을 때만 높아요.
hover-accuracy = 정확도(accuracy): 전체 샘플 가운데 바르게 분류한 비율이에요.
hover-train-test = 학습 샘플(신경망이 배운 데이터)을 셀지, 따로 떼어 둔 테스트 샘플(얼마나 일반화하는지)을 셀지 골라요.
output-n = 출력 { $number }
boundary-needs-two-features = 결정 경계는 특성이 두 개인 데이터에만 그려요. 이 데이터셋은 특성이 { $count }개예요.
boundary-axes = 가로: { $across }, 세로: { $up }
boundary-key = 점: 학습 데이터, 고리: 테스트 데이터
boundary-point = 학습 샘플 { $index }: ({ $x }, { $y }) { $class }
class-named = 클래스 { $name }
plot-point =
    { $series }
    에포크 { $epoch }: { $value }
confusion-cell = 칸 { $true_class } → { $predicted }
mode-forward = 순전파
mode-backprop = 역전파
hover-mode-forward = 순전파(forward propagation): 노드는 각 뉴런의 활성화 값 a를, 간선은 가중치를 보여 줘요 (주황 +, 파랑 −).
hover-mode-backprop = 역전파(backpropagation): 보고 있는 샘플에 대해 노드는 |δ| = |∂L/∂z|, 간선은 |∂L/∂w|를 보여 줘요. 기울기가 큰 곳과 사라지는 곳이 보여요.
step-hint = "샘플 한 개"를 누르면 샘플 하나가 순전파, 손실, 역전파, 갱신 순서로 지나가요
loss-value = 손실 L = { $loss }
next-phase = 다음 단계
hover-next-phase = 이 샘플의 다음 단계를 보여 줘요 (오른쪽 화살표 키).
skip = 건너뛰기
hover-skip = 이 단계의 끝으로 건너뛰어요.
done = 완료
update-not-undone = 갱신은 이미 끝났어요. 뒤로 가도 되돌려지지 않아요.
hover-done = 단계 보기를 끝내고 보고 있는 샘플을 보여 줘요.
auto-advance = 자동 진행
hover-auto-advance = 단계가 저절로 넘어가요. 끄면 → 키나 다음 단계로 넘겨요.
animation-speed = 속도
hover-animation-speed = 단계 보기 애니메이션의 빠르기예요.
reduce-motion = 움직임 줄이기
hover-reduce-motion = 움직이는 펄스 없이 단계마다 한 번에 보여 줘요.
add-layer-here = 층 추가
hover-add-layer-here = 출력층 앞에 은닉층을 넣어요 (가중치가 초기화돼요).
remove-layer-here = 층 삭제
hover-remove-layer-here = 마지막 은닉층을 빼요 (가중치가 초기화돼요).
fit-view = 화면에 맞추기
hover-fit-view = 확대와 이동을 되돌려요 (그래프를 두 번 눌러도 돼요).
hover-remove-neuron = 은닉층 { $layer }에서 뉴런 하나를 빼요 (가중치가 초기화돼요)
hover-add-neuron = 은닉층 { $layer }에 뉴런 하나를 더해요 (가중치가 초기화돼요)
hover-layer-activation = 은닉층 { $layer }의 활성화 함수
legend-weight = 간선: 가중치 w
legend-weight-gradient = 간선: |∂L/∂w|
legend-weight-change = Δw = 새 가중치 − 이전 가중치
legend-weight-change-expected = 아직 갱신 전이에요. 배치가 끝나야 갱신돼요 (표시: 이 샘플의 −lr·∂L/∂w)
legend-delta = 노드: |δ| = |∂L/∂z|
legend-activation = 노드: 활성화 값 a
inspector-hint = 뉴런이나 간선 위에 마우스를 올리면 숫자가 보여요. 누르면 고정돼요.
inspector-sample = 학습 데이터의 샘플 { $index }
inspector-input = 입력 { $number } ({ $name })
inspector-with = {"   "}{ $values }일 때
inspector-edge = { $from }에서 { $to }(으)로 가는 가중치
update-made = { $optimizer }이(가) 한 갱신:
update-alone = 이 샘플만의 갱신 ({ $optimizer }):
update-waits = 갱신은 배치가 끝날 때까지 기다려요 (샘플 { $place }/{ $size }): 지금까지 ∂L/∂w의 평균 = { $mean }
sparkline-title = 학습 데이터 전체에서의 활성화 값
layer-hidden = 은닉층 { $number }
layer-output = 출력층
neuron-of-layer = { $layer }, 뉴런 { $number }
phase-labels-1 = ① 순전파
phase-labels-2 = ② 손실
phase-labels-3 = ③ 역전파
phase-labels-4 = ④ 갱신
phase-explanations-1 = 층마다 왼쪽에서 오른쪽으로 z = w·a + b와 a = f(z)를 계산해요.
phase-explanations-2 = 출력을 타깃과 비교해요. 손실은 얼마나 틀렸는지를 말해요.
phase-explanations-3 = 기울기가 거꾸로 흘러요: 노드에는 δ = ∂L/∂z, 간선에는 ∂L/∂w = δ·a가 생겨요.
phase-explanations-4 = 가중치마다 옵티마이저의 규칙대로 움직여요 (간선을 가리키면 실제 숫자가 보여요).
inspector-more = {" "}+ … (그 밖에 { $count }개)
