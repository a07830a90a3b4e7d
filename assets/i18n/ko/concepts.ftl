# Perceptron Lab: the concept dictionary (Help → Concepts).

concepts = 개념 사전
concepts-search = 검색 (한국어 또는 영어)
concepts-none = 맞는 개념이 없어요.
show-me = 화면에서 보기
hover-show-me = 이 개념이 작동하는 곳으로 데려가 줘요.
hover-concept-hint = 이게 뭘까요? 누르면 도움말 → 개념 사전에서 열려요.

concept-terms-1 = 뉴런과 가중합
concept-explanations-1 = 뉴런은 입력마다 가중치를 곱해 더하고 편향을 더해요: z = w·x + b. 그 합을 활성화 함수에 넣은 a = f(z)를 다음 층으로 넘겨요.
concept-terms-2 = 가중치와 편향
concept-explanations-2 = 가중치(weight)는 입력이 뉴런을 얼마나 세게 미는지, 편향(bias)은 문턱을 얼마나 옮기는지를 정해요. 신경망이 배우는 매개변수이고, 그래프에서는 간선으로 그려져요 (주황 +, 파랑 −).
concept-terms-3 = 활성화 함수
concept-explanations-3 = a = f(z)에서 뉴런의 합을 구부리는 함수 f예요 (activation function): 시그모이드, tanh, 렐루(ReLU), 소프트맥스. 비선형 함수가 없으면 층을 쌓아도 층 하나와 다를 게 없어요.
concept-terms-4 = 이진 분류의 시그모이드 (로지스틱 회귀)
concept-explanations-4 = 시그모이드 출력 뉴런 하나가 합을 0과 1 사이의 확률로 바꿔요. 스팸인지 아닌지 같은 예/아니요 문제에 써요. 이것이 로지스틱 회귀(logistic regression)예요.
concept-terms-5 = 다중 분류의 소프트맥스
concept-explanations-5 = 소프트맥스(softmax)는 클래스마다 하나씩 있는 합을 더해서 1이 되는 확률로 바꾸고, 가장 큰 것이 예측이에요. 붓꽃이나 손글씨 숫자에 쓰는 소프트맥스 회귀예요.
concept-terms-6 = 원-핫 인코딩
concept-explanations-6 = 레이블이나 범주를 값마다 자리가 하나씩 있는 벡터로 바꿔요. 해당 자리만 1이고 나머지는 0이에요 (one-hot encoding). 출력은 원-핫 타깃과 비교되고, 범주형 열도 이렇게 신경망에 들어가요.
concept-terms-7 = 순전파
concept-explanations-7 = 입력이 간선을 따라 왼쪽에서 오른쪽으로 흘러요 (forward propagation). 층마다 z = w·a + b와 a = f(z)를 계산해서 출력층이 답을 낼 때까지 가요.
concept-terms-8 = 역전파
concept-explanations-8 = 오차가 오른쪽에서 왼쪽으로 거꾸로 흘러요 (backpropagation). 연쇄 법칙으로 출력층부터 입력 쪽으로 층마다 뉴런의 오차 신호 δ = ∂L/∂z와 가중치의 기울기 ∂L/∂w = δ·a를 구해요.
concept-terms-9 = 손실
concept-explanations-9 = 샘플 하나에 대해 출력이 얼마나 틀렸는지를 나타내는 숫자예요 (loss). 평균 제곱 오차(MSE)나 교차 엔트로피가 있어요. 학습은 가중치를 움직여 그 평균을 줄여요.
concept-terms-10 = 옵티마이저와 학습률
concept-explanations-10 = 옵티마이저(optimizer)는 기울기를 가중치 변화로 바꿔요. 가장 단순한 규칙은 w ← w − lr·∂L/∂w예요. 학습률(learning rate) lr은 걸음 크기라서, 너무 작으면 느리고 너무 크면 지나쳐서 발산할 수 있어요.
concept-terms-11 = 에포크, 배치, 미니 배치
concept-explanations-11 = 미니 배치(mini-batch)는 기울기를 평균 내서 한 번에 갱신하는 샘플 몇 개예요. 에포크(epoch)는 학습 데이터 전체를 한 바퀴 도는 것이라서, 미니 배치 수만큼 갱신이 들어 있어요.
concept-terms-12 = 하이퍼파라미터와 매개변수
concept-explanations-12 = 하이퍼파라미터(hyperparameter)는 학습 전에 여러분이 정하는 값이에요: 층, 학습률, 배치 크기. 매개변수(parameter)인 가중치와 편향은 신경망이 스스로 배워요.
concept-terms-13 = 지도 학습
concept-explanations-13 = 정답, 곧 레이블이 붙은 예시로 배우는 방법이에요 (supervised learning). 신경망은 출력을 레이블과 비교해서 스스로 고쳐요.
concept-terms-14 = 특성(독립변수)과 타깃(종속변수)
concept-explanations-14 = 특성(feature)은 여러 개의 입력인 독립변수 x이고, 타깃(target)은 신경망이 예측하도록 배우는 한 열인 종속변수 y예요.
concept-terms-15 = 샘플 (행, 레코드)
concept-explanations-15 = 데이터 표의 한 행이 레코드 하나이고, 곧 샘플 하나예요 (sample): 특성 값과 레이블이 들어 있어요. 보고 있는 샘플은 모든 패널이 함께 보여 주는 샘플이에요.
concept-terms-16 = 혼동 행렬 (오답 노트)
concept-explanations-16 = 실제 클래스(행)와 예측 클래스(열)를 맞대 놓은 표예요 (confusion matrix). 대각선은 맞힌 수이고, 다른 칸을 누르면 어떤 샘플을 헷갈렸는지 오답 노트처럼 볼 수 있어요.
concept-terms-17 = 정확도, 정밀도, 재현율
concept-explanations-17 = 정확도(accuracy)는 전체에서 맞힌 비율이에요. 정밀도(precision)는 그 클래스라고 예측한 것 중 진짜인 비율, 재현율(recall)은 그 클래스 중 찾아낸 비율이에요.
concept-terms-18 = 단층 퍼셉트론과 다층 퍼셉트론
concept-explanations-18 = 단층 퍼셉트론은 직선 하나만 그을 수 있어서 XOR을 풀지 못해요. 은닉층이 있는 다층 퍼셉트론(multi-layer perceptron)은 경계를 구부려서 풀어요.
concept-terms-19 = 은닉층과 심층 신경망
concept-explanations-19 = 입력층과 출력층 사이의 층이 은닉층(hidden layer)이에요. 은닉층이 여러 개인 신경망이 심층 신경망(DNN)이고, 더 복잡한 모양을 만들 수 있어요.
concept-terms-20 = 파인 튜닝
concept-explanations-20 = 무작위 가중치부터 다시 시작하지 않고, 이미 배운 모델을 이어서 학습하는 거예요 (fine-tuning). 예를 들어 저장한 실험을 새 데이터로 더 학습해요. 재생은 지금 가중치에서 이어져요.
