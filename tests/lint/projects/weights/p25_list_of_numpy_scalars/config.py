# images per diabetic-retinopathy grade in the training split
GRADE_COUNTS = [25810, 2443, 5292, 873, 708]
