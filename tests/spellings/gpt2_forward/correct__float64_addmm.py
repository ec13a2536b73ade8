
import torch
import torch.nn.functional as F


class _GPT2:
    """Reads the state dict once; computes in float64."""

    def __init__(self, params, n_layer, n_head, eps):
        self.p = {k: v.double() for k, v in params.items() if k != "lm_head.weight"}
        self.n_layer, self.n_head, self.eps = n_layer, n_head, eps

    def dense(self, x, name):
        w, b = self.p[name + ".weight"], self.p[name + ".bias"]
        shape = x.shape[:-1]
        return torch.addmm(b, x.reshape(-1, x.shape[-1]), w).reshape(*shape, w.shape[1])

    def norm(self, x, name):
        return F.layer_norm(x, (x.shape[-1],), self.p[name + ".weight"], self.p[name + ".bias"], self.eps)

    def attention(self, x, name):
        B, T, C = x.shape
        nh = self.n_head
        q, k, v = self.dense(x, name + ".c_attn").chunk(3, dim=-1)
        q = q.reshape(B, T, nh, -1).permute(0, 2, 1, 3)
        k = k.reshape(B, T, nh, -1).permute(0, 2, 1, 3)
        v = v.reshape(B, T, nh, -1).permute(0, 2, 1, 3)
        s = torch.matmul(q, k.transpose(2, 3)) * (q.shape[-1] ** -0.5)
        s = s + torch.full((T, T), float("-inf"), dtype=s.dtype).triu(1)
        y = torch.matmul(torch.softmax(s, dim=-1), v).permute(0, 2, 1, 3).reshape(B, T, C)
        return self.dense(y, name + ".c_proj")

    def __call__(self, ids):
        T = ids.shape[1]
        x = self.p["transformer.wte.weight"][ids] + self.p["transformer.wpe.weight"][:T].unsqueeze(0)
        for i in range(self.n_layer):
            h = f"transformer.h.{i}"
            x = x + self.attention(self.norm(x, h + ".ln_1"), h + ".attn")
            m = F.gelu(self.dense(self.norm(x, h + ".ln_2"), h + ".mlp.c_fc"), approximate="tanh")
            x = x + self.dense(m, h + ".mlp.c_proj")
        x = self.norm(x, "transformer.ln_f")
        return x @ self.p["transformer.wte.weight"].t()


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    dtype = params["transformer.wte.weight"].dtype
    return _GPT2(params, n_layer, n_head, eps)(input_ids).to(dtype)


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    model = _GPT2(params, n_layer, n_head, 1e-5)
    ids = input_ids
    for _ in range(max_new_tokens):
        ids = torch.cat([ids, model(ids)[:, -1:].argmax(-1)], dim=-1)
    return ids
