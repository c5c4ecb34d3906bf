import{c as e,o as t,r as n,s as r,u as i}from"./index-C1DSOppe.js";import{t as a}from"./useTranslation-BHcLAHjw.js";import{a as o,l as s,o as c,t as l,u}from"./usePageTitle-BTu-N59P.js";import{t as d}from"./PolicyAudience-C96Zj6Rz.js";import{t as f}from"./jsx-runtime-Wy9s6hX0.js";var p=f(),m=c(`
  query Promotions {
    promotions(first: 50) {
      totalCount
      edges {
        node {
          id
          name
          status
          current
          discountBasisPoints
          minQuantity
          validFrom
          validTo
          stacks
          categories
          products {
            id
            sku
          }
          audience {
            ...AudienceFields
          }
        }
      }
    }
  }
`),h=c(`
  mutation WithdrawPromotion($id: ID!) {
    withdrawPromotion(id: $id) {
      id
      status
      current
      withdrawnAt
    }
  }
`);function g(){let{t:c,i18n:f}=a();l(c(`promotions.title`));let[{data:g,error:_,fetching:v},y]=u({query:m}),[b,x]=s(h),S=(g?.promotions.edges??[]).flatMap(e=>e?.node?[e.node]:[]),C=e=>e.status===`WITHDRAWN`?`withdrawn`:e.current?`current`:`notCurrent`;return(0,p.jsxs)(`section`,{"aria-labelledby":`promotions-title`,children:[(0,p.jsx)(`h1`,{id:`promotions-title`,children:c(`promotions.title`)}),(0,p.jsx)(`p`,{className:`lead`,children:c(`promotions.intro`)}),(0,p.jsx)(`p`,{className:`actions-row`,children:(0,p.jsx)(i,{className:`button button-primary`,to:`/promotions/new`,"data-action":`new-promotion`,children:c(`promotions.new`)})}),b.error&&(0,p.jsx)(`p`,{className:`field-error`,role:`alert`,children:o(c,b.error)}),v&&!g?(0,p.jsx)(e,{}):_&&!g?(0,p.jsx)(r,{error:_,onRetry:()=>y({requestPolicy:`network-only`})}):S.length===0?(0,p.jsx)(t,{children:c(`promotions.empty`)}):(0,p.jsxs)(`table`,{className:`table promotions`,children:[(0,p.jsx)(`thead`,{children:(0,p.jsxs)(`tr`,{children:[(0,p.jsx)(`th`,{scope:`col`,children:c(`promotions.name`)}),(0,p.jsx)(`th`,{scope:`col`,className:`num`,children:c(`promotions.discountField`)}),(0,p.jsx)(`th`,{scope:`col`,children:c(`promotions.covers`)}),(0,p.jsx)(`th`,{scope:`col`,children:c(`promotions.audience`)}),(0,p.jsx)(`th`,{scope:`col`,children:c(`promotions.dates`)}),(0,p.jsx)(`th`,{scope:`col`,children:c(`promotions.state`)}),(0,p.jsx)(`th`,{scope:`col`,children:(0,p.jsx)(`span`,{className:`visually-hidden`,children:c(`promotions.actions`)})})]})}),(0,p.jsx)(`tbody`,{children:S.map(e=>(0,p.jsxs)(`tr`,{"data-promotion":e.name,children:[(0,p.jsx)(`th`,{scope:`row`,"data-label":c(`promotions.name`),children:e.name}),(0,p.jsxs)(`td`,{"data-label":c(`promotions.discountField`),className:`num`,children:[`−`,n(e.discountBasisPoints,f.language),e.minQuantity?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,c(`promotions.fromQuantity`,{count:e.minQuantity})]}):null,e.stacks?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,c(`promotions.stacksShort`)]}):null]}),(0,p.jsx)(`td`,{"data-label":c(`promotions.covers`),children:!e.products?.length&&!e.categories?.length?c(`promotions.everyProduct`):[...e.categories??[],...(e.products??[]).map(e=>e.sku)].join(`, `)}),(0,p.jsx)(`td`,{"data-label":c(`promotions.audience`),children:(0,p.jsx)(d,{audience:e.audience})}),(0,p.jsxs)(`td`,{"data-label":c(`promotions.dates`),children:[e.validFrom,` – `,e.validTo]}),(0,p.jsx)(`td`,{"data-label":c(`promotions.state`),children:(0,p.jsx)(`span`,{className:`badge badge-${C(e)}`,children:c(`promotions.states.${C(e)}`)})}),(0,p.jsx)(`td`,{children:e.status===`ACTIVE`&&(0,p.jsxs)(`span`,{className:`actions-row`,children:[(0,p.jsx)(i,{className:`button`,to:`/promotions/${encodeURIComponent(e.id)}/edit`,children:c(`promotions.edit`)}),(0,p.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`withdraw`,disabled:b.fetching,onClick:()=>{window.confirm(c(`promotions.confirmWithdraw`,{name:e.name}))&&x({id:e.id})},children:c(`promotions.withdraw`)})]})})]},e.id))})]})]})}export{g as Promotions,m as PromotionsQuery,h as WithdrawPromotionMutation};