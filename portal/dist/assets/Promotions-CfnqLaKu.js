import{Y as e,c as t,d as n,f as r,i,l as a,n as o,r as s,t as c}from"./usePageTitle-A28YcnZo.js";import{t as l}from"./useTranslation-C_P0klXE.js";import{t as u}from"./PolicyAudience-BA9e4feR.js";import{r as d}from"./index-C-kW9G5b.js";import{t as f}from"./jsx-runtime-Wy9s6hX0.js";var p=f(),m=a(`
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
`),h=a(`
  mutation WithdrawPromotion($id: ID!) {
    withdrawPromotion(id: $id) {
      id
      status
      current
      withdrawnAt
    }
  }
`);function g(){let{t:a,i18n:f}=l();c(a(`promotions.title`));let[{data:g,error:_,fetching:v},y]=r({query:m}),[b,x]=n(h),S=(g?.promotions.edges??[]).flatMap(e=>e?.node?[e.node]:[]),C=e=>e.status===`WITHDRAWN`?`withdrawn`:e.current?`current`:`notCurrent`;return(0,p.jsxs)(`section`,{"aria-labelledby":`promotions-title`,children:[(0,p.jsx)(`h1`,{id:`promotions-title`,children:a(`promotions.title`)}),(0,p.jsx)(`p`,{className:`lead`,children:a(`promotions.intro`)}),(0,p.jsx)(`p`,{className:`actions-row`,children:(0,p.jsx)(e,{className:`button button-primary`,to:`/promotions/new`,"data-action":`new-promotion`,children:a(`promotions.new`)})}),b.error&&(0,p.jsx)(`p`,{className:`field-error`,role:`alert`,children:t(a,b.error)}),v&&!g?(0,p.jsx)(i,{}):_&&!g?(0,p.jsx)(s,{error:_,onRetry:()=>y({requestPolicy:`network-only`})}):S.length===0?(0,p.jsx)(o,{children:a(`promotions.empty`)}):(0,p.jsxs)(`table`,{className:`table promotions`,children:[(0,p.jsx)(`thead`,{children:(0,p.jsxs)(`tr`,{children:[(0,p.jsx)(`th`,{scope:`col`,children:a(`promotions.name`)}),(0,p.jsx)(`th`,{scope:`col`,className:`num`,children:a(`promotions.discountField`)}),(0,p.jsx)(`th`,{scope:`col`,children:a(`promotions.covers`)}),(0,p.jsx)(`th`,{scope:`col`,children:a(`promotions.audience`)}),(0,p.jsx)(`th`,{scope:`col`,children:a(`promotions.dates`)}),(0,p.jsx)(`th`,{scope:`col`,children:a(`promotions.state`)}),(0,p.jsx)(`th`,{scope:`col`,children:(0,p.jsx)(`span`,{className:`visually-hidden`,children:a(`promotions.actions`)})})]})}),(0,p.jsx)(`tbody`,{children:S.map(t=>(0,p.jsxs)(`tr`,{"data-promotion":t.name,children:[(0,p.jsx)(`th`,{scope:`row`,"data-label":a(`promotions.name`),children:t.name}),(0,p.jsxs)(`td`,{"data-label":a(`promotions.discountField`),className:`num`,children:[`−`,d(t.discountBasisPoints,f.language),t.minQuantity?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,a(`promotions.fromQuantity`,{count:t.minQuantity})]}):null,t.stacks?(0,p.jsxs)(`span`,{className:`muted`,children:[` · `,a(`promotions.stacksShort`)]}):null]}),(0,p.jsx)(`td`,{"data-label":a(`promotions.covers`),children:!t.products?.length&&!t.categories?.length?a(`promotions.everyProduct`):[...t.categories??[],...(t.products??[]).map(e=>e.sku)].join(`, `)}),(0,p.jsx)(`td`,{"data-label":a(`promotions.audience`),children:(0,p.jsx)(u,{audience:t.audience})}),(0,p.jsxs)(`td`,{"data-label":a(`promotions.dates`),children:[t.validFrom,` – `,t.validTo]}),(0,p.jsx)(`td`,{"data-label":a(`promotions.state`),children:(0,p.jsx)(`span`,{className:`badge badge-${C(t)}`,children:a(`promotions.states.${C(t)}`)})}),(0,p.jsx)(`td`,{children:t.status===`ACTIVE`&&(0,p.jsxs)(`span`,{className:`actions-row`,children:[(0,p.jsx)(e,{className:`button`,to:`/promotions/${encodeURIComponent(t.id)}/edit`,children:a(`promotions.edit`)}),(0,p.jsx)(`button`,{type:`button`,className:`button button-quiet`,"data-action":`withdraw`,disabled:b.fetching,onClick:()=>{window.confirm(a(`promotions.confirmWithdraw`,{name:t.name}))&&x({id:t.id})},children:a(`promotions.withdraw`)})]})})]},t.id))})]})]})}export{g as Promotions,m as PromotionsQuery,h as WithdrawPromotionMutation};